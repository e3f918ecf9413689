/**
 * What a stage is: a named transform of the shared tree that reads the fields of
 * `In` and adds the fields of `Add` (returned, then set on the tree). A stage may
 * also change the parts of `In` it owns (e.g. the text of blocks), and reports
 * through vfile messages.
 *
 * `Pipeline` chains stages on a unified processor with types: `.use(stage)` only
 * accepts a stage whose `In` the tree built so far already has, so a stage cannot
 * read a field that no earlier stage wrote.
 */
import { unified, type Processor } from 'unified';
import type { Node } from 'unist';
import type { VFile } from 'vfile';
import { reportChanges } from './report-changes.js';

/** The fields every tree has from the start (see 1-read). */
export interface TreeBase extends Node {
  type: 'root';
  /** milliseconds per stage name */
  timings: Record<string, number>;
}

export interface Stage<In extends object, Add extends object> {
  /** the stage's name: its `stage` in audit entries and messages, its key in `--timings` */
  readonly name: string;
  readonly run: (tree: In, file: VFile) => Add;
}

export function defineStage<In extends object, Add extends object>(name: string, run: (tree: In, file: VFile) => Add): Stage<In, Add> {
  return { name, run };
}

/**
 * The stage as a unified plugin: a transformer that times itself into `tree.timings[name]`
 * and, when the stage ends, reports each change it made to the text as a vfile message
 * (`report-changes.ts`).
 */
export function stagePlugin<In extends object, Add extends object>(stage: Stage<In, Add>) {
  return function plugin() {
    return (tree: Node, file: VFile) => {
      const t0 = performance.now();
      const t = tree as unknown as TreeBase & In;
      Object.assign(t, stage.run(t, file));
      reportChanges(t, file);
      t.timings[stage.name] = (t.timings[stage.name] ?? 0) + performance.now() - t0;
    };
  };
}

/** A unified processor built stage by stage; `T` is the tree as the stages so far leave it. */
export class Pipeline<T extends object> {
  /** the names of the stages, in the order they run */
  readonly names: string[] = [];

  private constructor(readonly processor: Processor<Node, Node, Node>) {}

  /** Start from a parser plugin (text → the first tree `T`) and its options. */
  static from<T extends TreeBase, O>(parser: (this: Processor, options: O) => void, options: O): Pipeline<T> {
    const processor = unified() as unknown as Processor<Node, Node, Node>;
    processor.use(parser as never, options);
    return new Pipeline<T>(processor);
  }

  use<Add extends object>(stage: Stage<T, Add>): Pipeline<T & Add> {
    this.processor.use(stagePlugin(stage));
    this.names.push(stage.name);
    return this as unknown as Pipeline<T & Add>;
  }

  /** Parse and run every stage on one file. */
  run(file: VFile): T {
    const tree = this.processor.parse(file);
    return this.processor.runSync(tree, file) as unknown as T;
  }
}
