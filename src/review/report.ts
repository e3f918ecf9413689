/**
 * `relecteur report <out-dir> --html <file>`: one self-contained HTML page (no
 * network, no external file) over the books of an output directory: a summary table
 * of quality figures, then per book the `check` figures, SVG charts of facts per type
 * and of URL outcomes, a sortable and filterable facts table whose rows link to their
 * place in the original, the footnotes with their links (repaired URLs marked), and
 * the change view (src/review/change-view.ts).
 *
 * Each book's data is embedded as JSON and drawn by a small script in the page,
 * lazily and in slices (the original is shown as a window of lines around the place
 * followed), so a 3 MB book stays usable. Charts are plain SVG written here: two bar
 * charts of at most five bars need no chart library (nothing to inline, no script,
 * they print and stay readable without JavaScript).
 */
import type { DocumentJson } from '../types.js';
import { reconstruct } from '../stages/9-document/reconstruct.js';
import { changeView, type UnitView } from './change-view.js';
import { checkDocument, type BookCheck } from './check.js';
import type { CheckThresholds } from './check-config.js';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
/** JSON safe inside <script>: no "</script", no "<!--" */
const scriptJson = (v: unknown) => JSON.stringify(v).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');

/** A horizontal bar chart in SVG. */
export function barChart(title: string, bars: Array<{ label: string; value: number; cls?: string }>): string {
  const w = 360;
  const rowH = 22;
  const labelW = 110;
  const max = Math.max(1, ...bars.map((b) => b.value));
  const h = bars.length * rowH + 28;
  const rows = bars
    .map((b, i) => {
      const y = 24 + i * rowH;
      const bw = Math.round(((w - labelW - 60) * b.value) / max);
      return `<text x="${labelW - 6}" y="${y + 14}" text-anchor="end">${esc(b.label)}</text><rect class="${b.cls ?? 'bar'}" x="${labelW}" y="${y + 2}" width="${bw}" height="${rowH - 6}"><title>${esc(`${b.label}: ${b.value}`)}</title></rect><text x="${labelW + bw + 6}" y="${y + 14}" class="val">${b.value}</text>`;
    })
    .join('');
  return `<svg class="chart" role="img" aria-label="${esc(title)}" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}"><text x="0" y="14" class="ttl">${esc(title)}</text>${rows}</svg>`;
}

interface BookData {
  path: string;
  lines: string[];
  views: Array<{ id: string; kind: string; lines: [number, number]; seg: unknown[]; edits: Array<[number, string, number, number]> }>;
  footnotes: Array<{ n: number; text: string; refs: string[]; line: number; urls: Array<{ raw: string; url: string | null; status: string }> }>;
  facts: Array<[string, string, string, number, number, string]>;
}

function compactViews(views: UnitView[]): BookData['views'] {
  return views.map((v) => ({
    id: v.id,
    kind: v.kind,
    lines: v.lines,
    // ['s', text] | ['e', ref, del, ins] | ['n', n] | ['l', a, b, what]
    seg: v.segments.map((s) => (s.kind === 'same' ? ['s', s.text] : s.kind === 'edit' ? ['e', s.ref, s.del, s.ins] : s.kind === 'note' ? ['n', s.n] : ['l', s.lines[0], s.lines[1], s.what.join(', ')])),
    edits: v.edits.map((e) => [e.ref, e.rule, e.line, e.column] as [number, string, number, number]),
  }));
}

function factValue(f: DocumentJson['facts'][number]): string {
  switch (f.type) {
    case 'money':
      return `${f.value}${f.currency ? ` ${f.currency}` : ''}${f.qualifier ? ` (${f.qualifier})` : ''}`;
    case 'percent':
      return `${f.value} %${f.qualifier ? ` (${f.qualifier})` : ''}`;
    case 'quantity':
      return `${f.value} ${f.unit}${f.qualifier ? ` (${f.qualifier})` : ''}`;
    case 'date':
      return `${f.value}${f.qualifier ? ` (${f.qualifier})` : ''}${f.inferred ? ' inferred' : ''}`;
    case 'counterparty':
      return `${f.name} (${f.kind}${f.id ? ` ${f.id}` : ''})`;
  }
}

const SUMMARY: Array<[string, string, (d: DocumentJson, c: BookCheck) => string | number]> = [
  ['layout', 'layout', (d) => d.source.layout],
  ['blocks', 'blocks', (d) => d.stats.blocks],
  ['footnotes', 'footnotes', (d) => d.stats.footnotes],
  ['markers', 'markers', (d) => d.stats.markers],
  ['unlinkedMarkers', 'unlinked', (d) => d.stats.unlinkedMarkers],
  ['missingFootnotes', 'missing fn', (d) => d.stats.missingFootnotes],
  ['orphanFootnotes', 'orphan fn', (d) => d.stats.orphanFootnotes],
  ['urls', 'URLs', (d) => d.stats.urls],
  ['urlsRepaired', 'repaired', (d) => d.stats.urlsRepaired],
  ['urlsUnrecoverable', 'unrecoverable', (d) => d.stats.urlsUnrecoverable],
  ['facts', 'facts', (d) => Object.values(d.stats.facts).reduce((a, b) => a + b, 0)],
  ['check', 'check', (_d, c) => (c.ok ? 'ok' : `${c.figures.filter((f) => f.over).length} over`)],
];

export function renderReport(docs: DocumentJson[], thresholds: CheckThresholds, meta: { version: string; from: string }): string {
  const sections: string[] = [];
  const data: string[] = [];
  const rows: string[] = [];
  docs.forEach((doc, i) => {
    const original = reconstruct(doc);
    const check = checkDocument(doc, thresholds, original);
    const views = changeView(doc, original);
    const name = doc.source.path.split('/').pop()!;
    rows.push(
      `<tr data-book="${esc(doc.source.path)}" class="${check.ok ? 'ok' : 'over'}"><td><a href="#book-${i}">${esc(name)}</a></td>${SUMMARY.map(([k, , f]) => `<td data-figure="${k}">${esc(String(f(doc, check)))}</td>`).join('')}</tr>`,
    );
    const urlCounts = { clean: 0, repaired: 0, unrecoverable: 0 };
    for (const u of [...doc.footnotes.flatMap((f) => f.urls), ...doc.blocks.flatMap((b) => b.urls ?? [])]) urlCounts[u.status]++;
    const figures = check.figures
      .map((f) => {
        const v = f.of > 0 ? `${f.value.toFixed(1)} % (${f.count} of ${f.of})` : String(f.count);
        const where = f.worst.map((p) => `<a href="#b${i}-L${p.line}-C1" title="${esc(p.what)}">${p.line}</a>`).join(' ');
        return `<li class="${f.over ? 'over' : 'ok'}" data-key="${f.key}">${f.over ? '✗' : '✓'} ${esc(f.label)}: ${v}, limit ${f.limit}${f.of > 0 ? ' %' : ''}${where ? ` — lines ${where}` : ''}</li>`;
      })
      .join('');
    sections.push(`<section class="book" id="book-${i}" data-book="${esc(doc.source.path)}" data-index="${i}">
<h2>${esc(doc.source.path)} <small>${esc(doc.source.layout)} · ${doc.source.bytes} bytes · ${esc(doc.language)}</small></h2>
<ul class="figures">${figures}</ul>
<div class="charts">${barChart('facts per type', Object.entries(doc.stats.facts).map(([label, value]) => ({ label, value, cls: `bar t-${label}` })))}${barChart('URL outcomes', Object.entries(urlCounts).map(([label, value]) => ({ label, value, cls: `bar u-${label}` })))}</div>
<h3>Facts</h3>
<div class="controls"><input type="search" class="fact-filter" placeholder="filter facts (text, value, rule…)" aria-label="filter facts"> <select class="fact-type" aria-label="fact type"><option value="">all types</option>${Object.keys(doc.stats.facts).map((t) => `<option>${t}</option>`).join('')}</select> <span class="fact-count"></span></div>
<div class="scroll"><table class="facts"><thead><tr><th data-col="0">type</th><th data-col="1">text</th><th data-col="2">value</th><th data-col="3" data-num="1">line</th><th data-col="5">rule</th></tr></thead><tbody></tbody></table></div>
<h3>Original</h3>
<div class="orig" id="orig-${i}"><p class="hint">Follow a fact, an edit or a line number to see its place in the original.</p></div>
<h3>Footnotes</h3>
<div class="scroll"><table class="footnotes"><thead><tr><th>n</th><th>text</th><th>cited in</th><th>URLs</th></tr></thead><tbody></tbody></table></div>
<h3>Changes <small>[-original-]{+clean+}; joining wrapped lines is not shown</small></h3>
<div class="changes" id="changes-${i}"></div><button class="more" type="button">show more blocks</button>
</section>`);
    const bd: BookData = {
      path: doc.source.path,
      lines: original.split('\n'),
      views: compactViews(views),
      footnotes: doc.footnotes.map((f) => ({ n: f.n, text: f.text, refs: f.refs, line: f.source[0]?.start.line ?? 1, urls: f.urls.map((u) => ({ raw: u.raw, url: u.url, status: u.status })) })),
      facts: doc.facts.map((f) => [f.type, f.text, factValue(f), f.source.line, f.source.column, f.rule]),
    };
    data.push(`<script type="application/json" id="data-${i}">${scriptJson(bd)}</script>`);
  });
  return `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>relecteur report</title>
<style>${CSS}</style></head>
<body>
<h1>relecteur report</h1>
<p class="meta">${docs.length} book(s) from <code>${esc(meta.from)}</code> · relecteur ${esc(meta.version)}</p>
<table id="summary"><thead><tr><th>book</th>${SUMMARY.map(([k, l]) => `<th data-figure="${k}">${esc(l)}</th>`).join('')}</tr></thead><tbody>
${rows.join('\n')}
</tbody></table>
${sections.join('\n')}
${data.join('\n')}
<script>${SCRIPT}</script>
</body></html>
`;
}

const CSS = `
body{font:14px/1.45 system-ui,sans-serif;margin:1.5em;color:#222;max-width:1200px}
table{border-collapse:collapse;margin:.5em 0}th,td{border:1px solid #ccc;padding:2px 6px;vertical-align:top;text-align:left}
th{background:#f2f2f2;cursor:default}table.facts th{cursor:pointer}th.asc::after{content:" ▲"}th.desc::after{content:" ▼"}
#summary td[data-figure]{text-align:right}#summary tr.over td[data-figure=check]{color:#b00;font-weight:bold}
.figures{list-style:none;padding:0}.figures li.over{color:#b00}.figures li.ok{color:#262}
.charts{display:flex;gap:2em;flex-wrap:wrap}.chart text{font-size:12px}.chart .ttl{font-weight:bold}
.bar{fill:#4a78b5}.u-repaired{fill:#d9a21b}.u-unrecoverable{fill:#c0392b}.u-clean{fill:#3a9a5b}
.scroll{max-height:420px;overflow:auto;border:1px solid #ddd}
.orig{font:12px/1.4 ui-monospace,monospace;background:#fafafa;border:1px solid #ddd;max-height:420px;overflow:auto;white-space:pre-wrap}
.ln .no{display:inline-block;width:5em;color:#999;text-align:right;margin-right:1em;user-select:none}.ln.target{background:#fff3b0}
mark{background:#ffd54f}
.changes .unit{border-top:1px solid #eee;padding:.3em 0}.unit .hd{color:#666;font-size:12px}
.unit .txt{white-space:pre-wrap}del{background:#fdd;text-decoration:line-through}ins{background:#dfd;text-decoration:none}
.edit a.rule{font-size:11px;color:#555;margin-left:2px;vertical-align:super}.note{color:#06c;font-size:11px;vertical-align:super}
.lifted{color:#777;font-style:italic}.repaired{background:#fff3cd}.unrecoverable{background:#f8d7da}
.badge{font-size:11px;padding:0 4px;border-radius:3px;background:#eee;margin-left:4px}
`;

// The page's script: draws each book's facts, footnotes and changes from its JSON, and shows
// the original around a line when a #b<book>-L<line>-C<column> link is followed.
const SCRIPT = `
(function(){
'use strict';
var books=[];
function el(tag,attrs,text){var e=document.createElement(tag);if(attrs)for(var k in attrs)e.setAttribute(k,attrs[k]);if(text!=null)e.textContent=text;return e;}
function data(i){if(!books[i])books[i]=JSON.parse(document.getElementById('data-'+i).textContent);return books[i];}
function showOriginal(i,line,col,len){
  var d=data(i),box=document.getElementById('orig-'+i),from=Math.max(1,line-25),to=Math.min(d.lines.length,line+25);
  box.textContent='';
  for(var n=from;n<=to;n++){
    var row=el('div',{'class':'ln'+(n===line?' target':''),'id':'b'+i+'-line-'+n,'data-line':String(n)});
    row.appendChild(el('span',{'class':'no'},String(n)));
    var t=d.lines[n-1];
    if(n===line&&col>0){var a=col-1,b=Math.min(t.length,a+Math.max(1,len||1));row.appendChild(document.createTextNode(t.slice(0,a)));row.appendChild(el('mark',null,t.slice(a,b)));row.appendChild(document.createTextNode(t.slice(b)));}
    else row.appendChild(document.createTextNode(t));
    box.appendChild(row);
  }
  var target=document.getElementById('b'+i+'-line-'+line);
  box.scrollIntoView({block:'start'});
  if(target)box.scrollTop=target.offsetTop-box.offsetTop-box.clientHeight/3;
}
var steppers=[];
function onHash(){
  var m=/^#b(\\d+)-L(\\d+)-C(\\d+)(?:-N(\\d+))?$/.exec(location.hash);
  if(m)return showOriginal(+m[1],+m[2],+m[3],m[4]?+m[4]:1);
  // a block of the change view not drawn yet: draw slices until it is
  var u=/^#b(\\d+)-((?:b|fn)\\d+)$/.exec(location.hash);
  if(u&&!document.getElementById(location.hash.slice(1))&&steppers[+u[1]]){while(!document.getElementById(location.hash.slice(1))&&steppers[+u[1]]());var t=document.getElementById(location.hash.slice(1));if(t)t.scrollIntoView();}
}
function placeLink(i,line,col,len,text){return el('a',{href:'#b'+i+'-L'+line+'-C'+col+(len?'-N'+len:'')},text);}
function drawFacts(sec,i){
  var d=data(i),tbody=sec.querySelector('table.facts tbody'),filter=sec.querySelector('.fact-filter'),type=sec.querySelector('.fact-type'),count=sec.querySelector('.fact-count');
  var sortCol=3,sortDir=1,LIMIT=1000;
  function draw(){
    var q=filter.value.toLowerCase(),t=type.value;
    var rows=d.facts.filter(function(f){return(!t||f[0]===t)&&(!q||(f[1]+' '+f[2]+' '+f[5]+' '+f[0]).toLowerCase().indexOf(q)>=0);});
    rows.sort(function(a,b){var x=a[sortCol],y=b[sortCol];if(sortCol===3){x=a[3]*1e6+a[4];y=b[3]*1e6+b[4];}return(x<y?-1:x>y?1:0)*sortDir;});
    tbody.textContent='';
    var frag=document.createDocumentFragment();
    rows.slice(0,LIMIT).forEach(function(f){
      var tr=el('tr',{'data-type':f[0]});
      tr.appendChild(el('td',null,f[0]));
      var td=el('td');td.appendChild(placeLink(i,f[3],f[4],f[1].length,f[1]));tr.appendChild(td);
      tr.appendChild(el('td',null,f[2]));tr.appendChild(el('td',null,f[3]+':'+f[4]));tr.appendChild(el('td',null,f[5]));
      frag.appendChild(tr);
    });
    tbody.appendChild(frag);
    count.textContent=rows.length+' of '+d.facts.length+' facts'+(rows.length>LIMIT?' (first '+LIMIT+' shown: filter to narrow)':'');
  }
  filter.addEventListener('input',draw);type.addEventListener('change',draw);
  sec.querySelectorAll('table.facts th').forEach(function(th){th.addEventListener('click',function(){
    var c=+th.getAttribute('data-col');if(c===sortCol)sortDir=-sortDir;else{sortCol=c;sortDir=1;}
    sec.querySelectorAll('table.facts th').forEach(function(h){h.classList.remove('asc','desc');});th.classList.add(sortDir>0?'asc':'desc');draw();});});
  draw();
}
function drawFootnotes(sec,i){
  var d=data(i),tbody=sec.querySelector('table.footnotes tbody'),frag=document.createDocumentFragment();
  d.footnotes.forEach(function(f){
    var tr=el('tr',{'id':'b'+i+'-fn'+f.n});
    var n=el('td');n.appendChild(placeLink(i,f.line,1,0,String(f.n)));tr.appendChild(n);
    tr.appendChild(el('td',null,f.text));
    var refs=el('td');f.refs.forEach(function(r){refs.appendChild(el('a',{href:'#b'+i+'-'+r,'class':'ref'},r));refs.appendChild(document.createTextNode(' '));});
    if(!f.refs.length)refs.appendChild(el('span',{'class':'badge'},'no marker'));
    tr.appendChild(refs);
    var u=el('td');
    f.urls.forEach(function(x){var s=el('div',{'class':x.status});if(x.url){s.appendChild(el('a',{href:x.url,rel:'noreferrer'},x.url));}else s.appendChild(document.createTextNode(x.raw));
      if(x.status!=='clean')s.appendChild(el('span',{'class':'badge',title:'original: '+x.raw},x.status));u.appendChild(s);});
    tr.appendChild(u);frag.appendChild(tr);
  });
  tbody.appendChild(frag);
}
function drawChanges(sec,i){
  var d=data(i),box=document.getElementById('changes-'+i),more=sec.querySelector('button.more'),next=0,STEP=150;
  function unit(v){
    var u=el('div',{'class':'unit','id':'b'+i+'-'+v.id});
    var hd=el('div',{'class':'hd'});hd.appendChild(document.createTextNode(v.id+' '+v.kind+' · '));
    hd.appendChild(placeLink(i,v.lines[0],1,0,'lines '+v.lines[0]+'-'+v.lines[1]));
    if(!v.edits.length&&!v.seg.some(function(s){return s[0]==='l';}))hd.appendChild(document.createTextNode(' · wrapping only'));
    u.appendChild(hd);
    var txt=el('div',{'class':'txt'}),edits={};v.edits.forEach(function(e){edits[e[0]]=e;});
    v.seg.forEach(function(s){
      if(s[0]==='s')txt.appendChild(document.createTextNode(s[1]));
      else if(s[0]==='n')txt.appendChild(el('span',{'class':'note'},'[^'+s[1]+']'));
      else if(s[0]==='l')txt.appendChild(el('span',{'class':'lifted'},' ⟦lines '+s[1]+'-'+s[2]+' lifted out: '+s[3]+'⟧ '));
      else{var e=edits[s[1]]||[s[1],'layout/removed',v.lines[0],1],sp=el('span',{'class':'edit','title':(s[1]>=0?'audit['+s[1]+'] ':'')+e[1]+' at line '+e[2]+':'+e[3]});
        if(s[2])sp.appendChild(el('del',null,s[2]));if(s[3])sp.appendChild(el('ins',null,s[3]));
        var a=placeLink(i,e[2],e[3],0,e[1]);a.className='rule';sp.appendChild(a);txt.appendChild(sp);}
    });
    u.appendChild(txt);return u;
  }
  function step(){var frag=document.createDocumentFragment(),end=Math.min(d.views.length,next+STEP);for(;next<end;next++)frag.appendChild(unit(d.views[next]));box.appendChild(frag);
    more.textContent=next<d.views.length?'show more blocks ('+next+' of '+d.views.length+' shown)':'all '+d.views.length+' shown';more.disabled=next>=d.views.length;}
  more.addEventListener('click',step);step();
  steppers[i]=function(){if(next>=d.views.length)return false;step();return true;};
}
document.querySelectorAll('section.book').forEach(function(sec){var i=+sec.getAttribute('data-index');drawFacts(sec,i);drawFootnotes(sec,i);drawChanges(sec,i);});
window.addEventListener('hashchange',onHash);onHash();
document.body.setAttribute('data-ready','1');
})();
`;
