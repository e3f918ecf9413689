/**
 * URL stage on real footnotes cut from the four books (noise catalogue §9.2, §12 H7–H10,
 * H15). `⏎` marks a former line break; `joined` mimics the layout stage.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { findUrls, type UrlFinding } from '../src/stages/6-urls/repair-urls.js';
import { joined, rules } from './fixtures/urls/helpers.js';

function one(snippet: string): UrlFinding & { text: string } {
  const { text, breaks } = joined(snippet);
  const found = findUrls(text, breaks, rules());
  expect(found).toHaveLength(1);
  const f = found[0]!;
  expect(f.raw).toBe(text.slice(f.start, f.end));
  return { ...f, text };
}

function repaired(snippet: string, url: string): UrlFinding {
  const f = one(snippet);
  expect(f.url).toBe(url);
  expect(f.status).toBe('repaired');
  return f;
}

function unrecoverable(snippet: string, mustNotBe?: string): UrlFinding {
  const f = one(snippet);
  expect(f.status).toBe('unrecoverable');
  if (mustNotBe !== undefined) expect(f.url).not.toBe(mustNotBe);
  return f;
}

describe('§9.2 defect classes, real footnotes', () => {
  it('#1 spaces inside scheme and host (000:103-104)', () => {
    const f = repaired(
      '4 "Velikiy Kamen" est reconnu comme le parc industriel à la croissance la plus rapide au monde [Ressource électronique]. - 2019. - ⏎U RL : https :// www.belta.bv/economics/view/velikii -kamen- priznan-samvm-bvstrorastuschim-industrialnvm-park-v-mire-369159- ⏎2019/',
      'https://www.belta.by/economics/view/velikii-kamen-priznan-samvm-bvstrorastuschim-industrialnvm-park-v-mire-369159-2019/',
    );
    expect(f.raw.startsWith('https :// www.')).toBe(true); // the label `U RL :` is not part of the URL
    expect(f.rules).toEqual(expect.arrayContaining(['urls/reflow-space', 'urls/ocr-bv-tld']));
    expect(f.confidence).toBe('low'); // the slug keeps OCR v-for-y damage
  });

  it('#1 `http:// changchun` (000:1744)', () => {
    repaired(
      '118 Parc scientifique et technologique biélorusse-chinois à Changchun [Ressource électronique]. - 2021. - URL : ⏎http:// changchun.park.bntu.bv/about-technologv-park/',
      'http://changchun.park.bntu.by/about-technologv-park/',
    );
  });

  it('#3 label variants: `URL :<…>` (002:616) and `[e-resource ] :` (003:1594-1595)', () => {
    const a = one('Résultats [Ressource électronique]. - - 2021. - URL :<http://www.government.by/ru/content/9736>');
    expect(a.status).toBe('clean');
    expect(a.url).toBe('http://www.government.by/ru/content/9736');
    expect(a.raw).toBe('<http://www.government.by/ru/content/9736>');
    const b = one(
      "47 Les députés ont ratifié l'accord sur l'établissement et le fonctionnement de l'Université du réseau de ⏎la CEI  [e-resource ] : ⏎https://www.belta.by/society/view/deputaty-ratifitsirovali-soglashenie-ob-uchrezhdenii-i-⏎funktsionirovanii-setevogo-universiteta-sng-420406-2020/",
    );
    // the layout stage joined `…-i-⏎funktsionirovanii` without a space: nothing to repair
    expect(b).toMatchObject({
      status: 'clean',
      url: 'https://www.belta.by/society/view/deputaty-ratifitsirovali-soglashenie-ob-uchrezhdenii-i-funktsionirovanii-setevogo-universiteta-sng-420406-2020/',
    });
  });

  it('#4 double scheme + duplicated host/path tail across a line break (H7, 003:51-53)', () => {
    const f = repaired(
      "1 La réunion … s'est tenue à ⏎Moscou [Ressource électronique]. - 2019. - URL : http://http://www.e-cis.mfo/news.php?id=21302.e-⏎cis.mfo/news.php?id=21302 ",
      'http://www.e-cis.info/news.php?id=21302',
    );
    expect(f.rules).toEqual(expect.arrayContaining(['urls/double-scheme', 'urls/repasted-tail', 'urls/host-confusion']));
  });

  it('#4 tail split mid-token `index.htm⏎l#` (003:226-227)', () => {
    repaired(
      '8 Convention sur la coopération transfrontalière [Ressource électronique]. - 2008. - URL : ⏎http://http://cis.minsk.by/reestr/ru/index.html#reestr/view/text?doc=2510.minsk.by/reestr/ru/index.htm⏎l#reestr/view/text?doc=2510 ',
      'http://cis.minsk.by/reestr/ru/index.html#reestr/view/text?doc=2510',
    );
  });

  it('#4 `naviny.org` (003:343) and `govemment` (003:111)', () => {
    repaired('URL : ⏎http://http://naviny.org/2014/10/10/by1130.htm.org/2014/10/10/by1130.htm ', 'http://naviny.org/2014/10/10/by1130.htm');
    repaired(
      '4 Participation à la réunion du Conseil des chefs de gouvernement de la CEI [Ressource électronique]. ⏎- 2018. - URL : http://http://www.govemment.by/ru/content/8365.govemment.by/ru/content/8365 ',
      'http://www.government.by/ru/content/8365',
    );
  });

  it('#5 `httpshttps://` + path re-pasted without separator (003:1469, 1132-1133, 8055)', () => {
    repaired('URL : ⏎httpshttps://cis.minsk.by/page/7570cis.minsk.by/page/7570 ', 'https://cis.minsk.by/page/7570');
    repaired(
      'URL : ⏎httpshttps://pravo.by/upload/docs/op/N01600091_1585774800.pdfpravo.by/upload/docs/op/N0160009⏎1_1585774800.pdf ',
      'https://pravo.by/upload/docs/op/N01600091_1585774800.pdf',
    );
    repaired(
      'URL : httpshttps://www.bsmu.by/allarticles/rubric2/page121/article1593/www.bsmu.by/allarticles/rubric2/page121/article1593/',
      'https://www.bsmu.by/allarticles/rubric2/page121/article1593/',
    );
  });

  it('#6 slug fragment + whole URL re-pasted, copies interleaved (H8, 003:8954-8958)', () => {
    const f = repaired(
      "332 Les meilleures marques du Belarus seront présentées lors d'une exposition à grande échelle à Tbilissi ⏎[Ressource électronique]. - 2019. - URL : https://www.belta.by/economics/view/luchshie-⏎brendyhttps://www.belta.by/economics/view/luchshie-brendy- belarusi-budut-predstavleny-na-⏎masshtabnoj-vystavke-v-tbilisibelarusi-budut-predstavleny-na-masshtabnoj-vystavke-v-tbilisi-340191-⏎2019/ ",
      'https://www.belta.by/economics/view/luchshie-brendy-belarusi-budut-predstavleny-na-masshtabnoj-vystavke-v-tbilisi-340191-2019/',
    );
    expect(f.rules).toEqual(expect.arrayContaining(['urls/repasted-url', 'urls/repeated-run']));
    // the span covers both copies, from the first scheme to the end
    expect(f.raw.startsWith('https://www.belta.by/economics/view/luchshie-brendyhttps://')).toBe(true);
    expect(f.raw.endsWith('-340191-2019/')).toBe(true);
  });

  it('#6 glued slug fragment at the start of a continued footnote (003:5806-5807)', () => {
    repaired(
      '212 Akashin, V. Minsk - Kokshetau : un projet mutuellement bénéfique / V. Akashin // [Ressource ⏎électronique]. - 2016. - URL : http://apgazeta.kz/2016/10/01/minsk-kokshetau-⏎vzaimovygodnyjhttp://apgazeta.kz/2016/10/01/minsk-kokshetau-vzaimovygodnyj- proektproekt/. ',
      'http://apgazeta.kz/2016/10/01/minsk-kokshetau-vzaimovygodnyj-proekt/',
    );
  });

  it('#7 repeated segment without an exact repeat is not trusted (003:1819-1820)', () => {
    const f = unrecoverable(
      'forumehttps://www.belta.by/politics/view/bolee-70-regionalnyh-soglashenij-podpisano-na-v-forume- ⏎regionov-belarusi-i-rossiiregionsov-belarusi-i-rossii-321404-2018/. ',
    );
    expect(f.raw.startsWith('forumehttps://')).toBe(true);
  });

  it('#7 `president.gov.by/ru/http://…/news  ru/…` with underscores as spaces (003:3670-3673)', () => {
    unrecoverable(
      "129 Négociations avec le gouverneur de la région d'Irkoutsk Sergey Levchenko [Ressource ⏎électronique]. - 2016. - URL : http://president.gov.by/ru/http://president.gov.by/ru/news  ⏎ru/view/peregovory-s-gubematoromru/view/peregovory-s-gubematorom- irkutskoj-oblasti-sergeem-⏎levchenkoirkutskoj-oblasti-sergeem-levchenko-15007/. ",
    );
  });

  it('#8 `.bv` for `.by` (000:101)', () => {
    repaired(
      '3 Grigorieva, V. Le président de la Fédération mondiale des zones économiques libres et spéciales (Femoza) Juan Torrente Tolosa a ⏎visité Gomel [Ressource électronique]. - 2015. - URL : https://www.sb.bv/articles/vse-sezv-v-gosti-k-nam.html',
      'https://www.sb.by/articles/vse-sezv-v-gosti-k-nam.html',
    );
  });

  it('#9 `I` for `l` in host and slug (000:390, 615, 619)', () => {
    repaired(
      'URL : ⏎https://www.beIta.by/economics/view/v-veIikom-kamne-postrojat-park-sinomach-fakeI- 390613-2020/',
      'https://www.belta.by/economics/view/v-velikom-kamne-postrojat-park-sinomach-fakel-390613-2020/',
    );
    repaired(
      'U RL : https://finance.rambIer.ru/markets/43964485- zhenmin-zhibao-kitay- obedinennye-obschey-tseIyu-chast-2/',
      'https://finance.rambler.ru/markets/43964485-zhenmin-zhibao-kitay-obedinennye-obschey-tselyu-chast-2/',
    );
    repaired('URL : ⏎http://russian.china.org.cn/excIusive/txt/2017-04/13/content_40612178.htm', 'http://russian.china.org.cn/exclusive/txt/2017-04/13/content_40612178.htm');
  });

  it('#10 `societv`/`embassv` path segments; slug v/y left alone (000:1741-1742)', () => {
    const f = repaired(
      'électronique]. - 2021. - U RL : ⏎https://www.beIta.bv/societv/view/okoIo-300-zaiavok-podano-na-kitaisko-beIorusskii- molodezhnvi -konkurs-innovatsionnvh- ⏎proektov-442132-2021/',
      'https://www.belta.by/society/view/okolo-300-zaiavok-podano-na-kitaisko-belorusskii-molodezhnvi-konkurs-innovatsionnvh-proektov-442132-2021/',
    );
    expect(f.confidence).toBe('low');
  });

  it('#11 `.eom` (000:611)', () => {
    repaired('URL : ⏎https://newsru.cgtn.eom/news/3d3d414e6646444d77597a6333566d54/p.html', 'https://newsru.cgtn.com/news/3d3d414e6646444d77597a6333566d54/p.html');
  });

  it('#12 spaces around `.` before an extension (000:280, 568)', () => {
    repaired('URL : ⏎http://belanischina.by/data/fck/file/minekonomiki/protocol11. pdf', 'http://belanischina.by/data/fck/file/minekonomiki/protocol11.pdf');
    repaired('URL : ⏎https://www.prnewswire.com/ru/press-releases/ru- 584836431. html', 'https://www.prnewswire.com/ru/press-releases/ru-584836431.html');
  });

  it('#13 percent-encoding split by a line break is re-joined (000:397-398)', () => {
    repaired(
      'URL : ⏎http://russian.news.cn/2020- 01/07/c_138685700.htm?utm_source=yxnews&utm_medium=desktop&utm_referrer=https%3 ⏎A%2F%2Fyandex.by%2Fnews',
      'http://russian.news.cn/2020-01/07/c_138685700.htm?utm_source=yxnews&utm_medium=desktop&utm_referrer=https%3A%2F%2Fyandex.by%2Fnews',
    );
  });

  it('#14 re-flow spaces in the path (000:63, 003:1592, H15 000:4643-4646)', () => {
    repaired(
      '1 Zheng, X. "La grande pierre" symbolise l\'amitié solide entre le Belarus et la Chine /  X. Zheng // [Ressource électronique]. - 2020. - ⏎URL : https://www.belta.by/comments/view/velikij -kamen- simvoliziruet-tverduiu-druzhbu-belarusi-i-knr-hu-chzheng-7289/',
      'https://www.belta.by/comments/view/velikij-kamen-simvoliziruet-tverduiu-druzhbu-belarusi-i-knr-hu-chzheng-7289/',
    );
    repaired('46 Université du réseau CIS [Ressource électronique]. -2020 . - URL : ⏎https://ums .bsu.by/ru/am/cis-net-university ', 'https://ums.bsu.by/ru/am/cis-net-university');
    repaired(
      "285 Le Belarus et Chongqing ont signé des contrats … d'une valeur d'environ 31 millions⏎de dollars [Ressource électronique]. - 2024. - URL :⏎https://belta.by/economics/view/belarus-i-chuntsin-podpisali-kontrakty-na-postavku-miasno- molochnoi' -produktsii-na-summu-okolo- ⏎31 -mln-637082-2024/",
      'https://belta.by/economics/view/belarus-i-chuntsin-podpisali-kontrakty-na-postavku-miasno-molochnoi-produktsii-na-summu-okolo-31-mln-637082-2024/',
    );
  });

  it('#15 URL broken mid-token without a hyphen (003:1073, 1017)', () => {
    repaired(
      'URL : ⏎https://www.tvr.by/news/obshchestvo/strany_eaes_namereny_sozdat_evraziyskuyu_kosmichesk⏎uyu_gruppirovku/',
      'https://www.tvr.by/news/obshchestvo/strany_eaes_namereny_sozdat_evraziyskuyu_kosmicheskuyu_gruppirovku/',
    );
    repaired(
      'URL : ⏎http://www.eurasiancommission.org/ru/nae/news/Pageshttp://www.eurasiancommission.org/ru/nae/ne⏎ws/Pages/13-08-2019- 1.aspx',
      'http://www.eurasiancommission.org/ru/nae/news/Pages/13-08-2019-1.aspx',
    );
  });

  it('#16 angle brackets: clean (002:117)', () => {
    const f = one('1 Roman Golovchenko [Ressource électronique]. - - 2021. - URL : <http://www.government.by/ru/content/9807>');
    expect(f).toMatchObject({ status: 'clean', url: 'http://www.government.by/ru/content/9807', rules: ['urls/strip-angle-brackets'] });
    expect(f.text.slice(f.start, f.end)).toBe('<http://www.government.by/ru/content/9807>');
  });

  it('#17/#18 markdown link with `\\\\_` escapes (004:152), `\\[ \\]` (002:251)', () => {
    const f = repaired(
      'Smirnov, A.V. [Ressource électronique]. - 2011. - URL : [www.kazembassy.by/kaz\\\\_bel\\\\_otn/torg\\\\_econom.html](http://www.kazembassy.by/kaz_bel_otn/torg_econom.html).',
      'http://www.kazembassy.by/kaz_bel_otn/torg_econom.html',
    );
    expect(f.raw.startsWith('[www.kazembassy.by/')).toBe(true);
    expect(f.raw.endsWith('torg_econom.html).')).toBe(true);
    repaired(
      'URL : [https://sakhalin.gov.ru/index.php?id=105&no_cache=1&tx_ttnews\\[tt_news\\]=12461](https://sakhalin.gov.ru/index.php?id=105&no_cache=1&tx_ttnews[tt_news]=12461)',
      'https://sakhalin.gov.ru/index.php?id=105&no_cache=1&tx_ttnews[tt_news]=12461',
    );
    repaired(
      'URL : [:https://www.belta.by/interview/view/kak-belarus-planiruet-razvivat-vysokotehnologichnyj-sektor-7711/.](https://www.belta.by/interview/view/kak-belarus-planiruet-razvivat-vysokotehnologichnyj-sektor-7711/)',
      'https://www.belta.by/interview/view/kak-belarus-planiruet-razvivat-vysokotehnologichnyj-sektor-7711/',
    );
  });

  it('#19 MT-translated host (004:164, 180)', () => {
    repaired(
      'URL : [http://ru.gouvernement.kz/docs/u090000821\\\\_20090610.htm](http://ru.gouvernement.kz/docs/u090000821_20090610.htm)',
      'http://ru.government.kz/docs/u090000821_20090610.htm',
    );
  });

  it('#20 Cyrillic letters in the slug, one per line (004)', () => {
    const f = repaired(
      '<https://www.belta.by/economics/view/sovм⏎е⏎с⏎тnyj-zavod-keramicheskoy-plitki-i-belorusskij-kvartal-mogut-pojavitsja-v-kazahstane-452553-2021/>',
      'https://www.belta.by/economics/view/sovmestnyj-zavod-keramicheskoy-plitki-i-belorusskij-kvartal-mogut-pojavitsja-v-kazahstane-452553-2021/',
    );
    expect(f.confidence).toBe('low');
    expect(f.rules).toContain('urls/cyrillic-homoglyph');
  });

  it('#21 trailing junk: `/.` (000:439), `//` (000:684), `>.` (002:119)', () => {
    repaired(
      'URL : ⏎https://www.belta.by/interview/view/kitai-vystupaet-protiv-vmeshatelstva-izvne-vo-vnutrennie- dela-belarusi-7572/.',
      'https://www.belta.by/interview/view/kitai-vystupaet-protiv-vmeshatelstva-izvne-vo-vnutrennie-dela-belarusi-7572/',
    );
    const f = repaired('- - 2021. - URL : <https://china.mfa.gov.by/ru/bilateral/regional/info/>.', 'https://china.mfa.gov.by/ru/bilateral/regional/info/');
    expect(f.raw).toBe('<https://china.mfa.gov.by/ru/bilateral/regional/info/>.');
  });

  it('#22 label and nothing else: no finding (000:4461-4462)', () => {
    const { text, breaks } = joined('277 Vacances interuniversitaires [Ressource électronique]. ressource]. -⏎2024. - URL :');
    expect(findUrls(text, breaks, rules())).toEqual([]);
  });
});

describe('unrecoverable: nothing is invented', () => {
  it('percent-encoding shredded (000:96-99)', () => {
    const f = unrecoverable(
      '2 Barcelone deviendra la capitale des zones franches en 2019 [Ressource électronique], - 2017. - URL :⏎h ttps://m . wiki n ews.org/wiki/%D0%91 %D0%B0%D 1 %80%D1%81 %D0%B5%D0%D0%BB% D0% BE%D0% BD%D0%B0%D ⏎1%81%D 1%82%D0%B0%D0%BD%D0%B5%D1%82%D 1%81%D 1%82%D0%BE%D0%BB%D0%B8%D. 1 ⏎%86% D0%B5%D0% B9 %D 1 %81%D0%B2%D 0%BE%D0%B1%D0%BE% D0%B4%D0% BD% D1%8B%D1% D1%D1%85 ⏎%D0%B0%B7%D0%BE%D0%D0B %D0%B2 2019 %D0%B3%D0%BE%D0%B4%D1%83',
    );
    expect(f.rules).toContain('urls/ambiguous-space');
  });

  it('scheme in the middle of shredded percent-encoding (000:1315-1319)', () => {
    const { text, breaks } = joined(
      '89 Une colonie à saveur chinoise sera construite près de M insk [Ressource électronique]. - 2019. URL : /2019/08/01/%0%⏎Dhttp://www.beImir.bvBF% D0% BE% D B0%4-⏎% D0%BC% D0B8% D0%BD%D1%81%D0%BA%D0% BE% D0%BC- %D0%BF%D0%BE%D 1%81 %D 1%82%D 1 ⏎%80%D0BE%D 1 %8F%D1%82- %D0%BF%D0%BF% D0%BE%D 1 % 81 %D0%B5%D0%BB%D1%81 ⏎%D0%BA%D0% B8% D1%82%D0%B0%D0%B9%D 1%81/',
    );
    const found = findUrls(text, breaks, rules());
    expect(found.length).toBeGreaterThan(0);
    for (const f of found) expect(f.status).toBe('unrecoverable');
  });

  it('`httpsAAwww…` with `/` read as `A` (H9, 000:440-443): url is null', () => {
    const f = unrecoverable(
      '32 Les revenus des résidents de "Velikiy Kamen" … 126,2 millions de⏎Brésiliens [Ressource électronique]. ressource]. - 2020. - URL :⏎httpsAAwww.belta.by/economics/yiew/yyruchka-rezidentoy-yelikogo-kamnAzv-Anyare- sentjabre-vyrosla-v-34-raza-do-br1262-mln- ⏎416031 -202020/',
    );
    expect(f.url).toBeNull();
  });

  it('OCR `/`→`7` in `content79136` (H10, 000:194-197)', () => {
    const f = unrecoverable(
      '11 Alexander Turchin : La coopération entre le Bélarus et la Suisse a un potentiel important [Ressource électronique]. ressource]. -⏎2019. - URL :⏎http://www.government.by/ru/content79136',
      'http://www.government.by/ru/content/9136',
    );
    expect(f.url).toBe('http://www.government.by/ru/content79136');
  });

  it('spaces standing for underscores (000:1415, 003:5804, 003:4853)', () => {
    unrecoverable('URL : ⏎http://shanghai.mfa.gov.by/ru/o generalnom consulstv/news/b8 beff b c09304615. html', 'http://shanghai.mfa.gov.by/ru/o_generalnom_consulstv/news/b8beffbc09304615.html');
    unrecoverable('211 . Comment l\'économie du Kazakhstan est soulevée sur le terrain [Ressource électronique]. - 2016⏎ .- URL : ⏎https://forbes.kz/process/economy/kak v polevyih usloviyah podnimayut ekonomiku kazahst ana/ ');
    unrecoverable('URL : ⏎https://sakhalin.gov.ru/index.php?id=105&no cache=1&tx ttnews[tt news]=12461 ');
  });

  it('mid-word spaces inside a slug (000:434) are not guessed', () => {
    unrecoverable(
      'URL : ⏎https://www.belta.by/economics/view/novyj-rezident- velikogo-kamnj a-budet-vypuskat-produktsij u-dlj a-derevoobrabotki-390684- ⏎2020/',
    );
  });

  it('letters lost to OCR: `?` (000:241), `~` (000:237), `^` (000:772), a dot in a slug (000:235), `ht.tp://rn..` (000:678)', () => {
    unrecoverable('URL : ⏎https://www.belta.by/economics/view/velikii-kamen- predIagaet-?arn.be?hnym-partneram-sozdavat-subparki-365694-2019/');
    unrecoverable('URL : ⏎https://www.belta.bv/economics/view/novy~ -rezident- s-kitai skim-ka.pit.a.lom-zaregistrirovan-v-velikom-kamne-384192-2020');
    unrecoverable('URL : ⏎https://www.belta.by/comments/^v^ew/kovid-ne-pomeha-torgovlia-belamsi-i-knr-okazalas- stressoustoj chivoj -7641/');
    unrecoverable('URL : ⏎https://www.beIta.by/economics/view/proizvodstvo- dvhateInvh-masok-otkrvto-v-industriaInom-parke-veIikii-kamen.-383799-2020/');
    unrecoverable('2018. - URL : ⏎ht.tp://rn..china- ⏎embassy.org/rus/ggl/t htm1832267.');
  });

  it('a host with a space in it (000:613)', () => {
    unrecoverable('électronique]. - 2018. - URL : http://russian.news.cn c htm/2018-08/14/_137387915.');
  });

  it('a URL cut by a page break (003:1354, 003:4042)', () => {
    unrecoverable('URL : ⏎https://www.belta.by/society/view/programma-innovatsionnogo-sotrudnichestva-stran-sng- stala-');
    unrecoverable('URL : ⏎https://www.belta.by/economics/view/gomselmashhttps://www.belta.by/economics/view/gomselmash');
  });
});

describe('detection', () => {
  it('finds several URLs, sorted, not overlapping, and leaves plain text alone', () => {
    const { text, breaks } = joined(
      'Voir <http://www.government.by/ru/content/9807> et [www.belta.by](https://www.belta.by/) ; aussi http://mfa.gov.by/press/smi/d8d30fc5ce4d68be.html, puis la suite.',
    );
    const found = findUrls(text, breaks, rules());
    expect(found.map((f) => [f.status, f.url])).toEqual([
      ['clean', 'http://www.government.by/ru/content/9807'],
      ['repaired', 'https://www.belta.by/'],
      ['clean', 'http://mfa.gov.by/press/smi/d8d30fc5ce4d68be.html'],
    ]);
    for (let i = 1; i < found.length; i++) expect(found[i]!.start).toBeGreaterThanOrEqual(found[i - 1]!.end);
  });

  it('a stub list: each line is its own URL (000:1750-1753)', () => {
    const { text, breaks } = joined('https://primga7eta.ru/news/v-chanchune-strovat-kitai⏎https://www.belta.bv/regions/view/minsk-i-kitaiskii');
    const found = findUrls(text, breaks, rules());
    expect(found).toHaveLength(2);
    expect(found[1]!.url).toBe('https://www.belta.by/regions/view/minsk-i-kitaiskii');
  });

  it('French prose after a URL is not swallowed', () => {
    const { text, breaks } = joined('consulté sur http://www.government.by/ru/content/9758 le 5 mai, voir aussi www.belta.by et le site officiel.');
    const found = findUrls(text, breaks, rules());
    expect(found.map((f) => f.raw)).toEqual(['http://www.government.by/ru/content/9758', 'www.belta.by']);
  });
});

describe('properties', () => {
  it('findings are sorted, non-overlapping, raw matches the span; clean URLs are printed as-is', () => {
    const piece = fc.constantFrom(
      'URL : ', ' ', '⏎', '-', '/', '.', 'http://', 'https://', 'www.', 'belta.by', 'bv', 'view', 'kamen', '%D0', '<', '>', '[', '](', ')', 'é', '"', '2019', 'I', 'е',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (parts) => {
        const { text, breaks } = joined(parts.join(''));
        const found = findUrls(text, breaks, rules());
        let last = 0;
        for (const f of found) {
          expect(f.start).toBeGreaterThanOrEqual(last);
          expect(f.end).toBeGreaterThan(f.start);
          expect(f.raw).toBe(text.slice(f.start, f.end));
          if (f.status === 'clean') expect(f.raw.replace(/^<|>$/g, '')).toBe(f.url);
          last = f.end;
        }
      }),
      { numRuns: 400 },
    );
  });
});
