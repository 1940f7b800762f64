// A Stryker ignorer: the text of an error message is for people, not a decision of the
// verify path, so mutants inside a message argument are not generated. The code and the
// options object of WebhookVerificationError (its header, its cause) stay mutated. The same
// goes for a zod schema's `.describe(text)`: documentation of the spec extension's fields.
import { declareValuePlugin, PluginKind } from '@stryker-mutator/api/plugin';

const ERROR_CLASSES = new Set(['WebhookVerificationError', 'Error', 'TypeError', 'RangeError']);

/** Index of the message among the constructor's arguments. */
const messageIndex = (name) => (name === 'WebhookVerificationError' ? 1 : 0);

/** Names a local error helper gives its message parameter (e.g. `function malformed(message, cause)`). */
const MESSAGE_PARAMETERS = new Set(['message', 'problem']);

/**
 * True when `node` is the argument a call passes to a parameter named like a message, the callee
 * being a function declared in the same file (a helper that builds a WebhookVerificationError).
 */
function isMessageArgument(call, node) {
  const binding = call.scope.getBinding(call.node.callee.name);
  const declaration = binding?.path.node;
  if (declaration?.type !== 'FunctionDeclaration') return false;
  const index = call.node.arguments.indexOf(node);
  const param = declaration.params[index];
  return index >= 0 && param?.type === 'Identifier' && MESSAGE_PARAMETERS.has(param.name);
}

export const strykerPlugins = [
  declareValuePlugin(PluginKind.Ignore, 'messages', {
    shouldIgnore(path) {
      const parent = path.parentPath;
      if (parent?.isCallExpression() && parent.node.arguments[0] === path.node) {
        const callee = parent.node.callee;
        if (callee.type === 'MemberExpression' && callee.property.type === 'Identifier' && callee.property.name === 'describe') {
          return 'the description of a schema field is text for people';
        }
      }
      if (parent?.isCallExpression() && parent.node.callee.type === 'Identifier' && isMessageArgument(parent, path.node)) {
        return 'the message of an error is text for people';
      }
      if (!parent?.isNewExpression()) return undefined;
      const callee = parent.node.callee;
      if (callee.type !== 'Identifier' || !ERROR_CLASSES.has(callee.name)) return undefined;
      return parent.node.arguments[messageIndex(callee.name)] === path.node ? 'the message of an error is text for people' : undefined;
    },
  }),
];
