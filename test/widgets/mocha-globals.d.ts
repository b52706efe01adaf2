// web-test-runner runs these tests with Mocha's BDD globals; declared here rather than adding @types/mocha.
type MochaBody = (this: unknown) => void | Promise<unknown>;
declare function describe(title: string, body: () => void): void;
declare function it(title: string, body: MochaBody): void;
declare function before(body: MochaBody): void;
declare function after(body: MochaBody): void;
declare function beforeEach(body: MochaBody): void;
declare function afterEach(body: MochaBody): void;
