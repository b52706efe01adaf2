import ts from 'typescript';

export interface MessagingFinding {
  file: string;
  line: number;
  problem: string;
}

/**
 * Finds the two mistakes the embed anchors make: posting to any origin, and acting on a `message`
 * event without checking who sent it. Works on the syntax tree, so formatting cannot hide a call.
 */
export function scanForUnsafeMessaging(text: string, file: string): MessagingFinding[] {
  const source = ts.createSourceFile(
    file,
    text,
    ts.ScriptTarget.Latest,
    true,
    file.endsWith('.js') ? ts.ScriptKind.JS : ts.ScriptKind.TS,
  );
  const findings: MessagingFinding[] = [];
  const report = (node: ts.Node, problem: string) =>
    findings.push({ file, line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1, problem });

  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
      const name = node.expression.name.text;
      const [first, second] = node.arguments;
      if (name === 'postMessage' && !node.expression.expression.getText().endsWith('port')) {
        if (!second) report(node, 'postMessage without a target origin');
        else if (ts.isStringLiteralLike(second) && second.text === '*') report(node, "postMessage to '*'");
      }
      if (name === 'addEventListener' && first && ts.isStringLiteralLike(first) && first.text === 'message') {
        const handler = second?.getText() ?? '';
        if (!/\.origin\b/.test(handler)) report(node, 'message listener without an origin check');
        if (!/\.source\b/.test(handler)) report(node, 'message listener without a source check');
      }
    }
    if (
      ts.isPropertyAccessExpression(node) &&
      node.name.text === 'onmessage' &&
      ts.isBinaryExpression(node.parent)
    ) {
      report(node, 'onmessage assignment (use addEventListener with origin and source checks)');
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return findings;
}
