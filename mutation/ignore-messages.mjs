// A Stryker ignorer: the text of an error message is for people, not a decision of the
// verify path, so mutants inside a message argument are not generated. The code and the
// options object of WebhookVerificationError (its header, its cause) stay mutated. The same
// goes for a zod schema's `.describe(text)`: documentation of the spec extension's fields.
import { declareValuePlugin, PluginKind } from '@stryker-mutator/api/plugin';

const ERROR_CLASSES = new Set(['WebhookVerificationError', 'Error', 'TypeError', 'RangeError']);

/** Index of the message among the constructor's arguments. */
const messageIndex = (name) => (name === 'WebhookVerificationError' ? 1 : 0);

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
      if (!parent?.isNewExpression()) return undefined;
      const callee = parent.node.callee;
      if (callee.type !== 'Identifier' || !ERROR_CLASSES.has(callee.name)) return undefined;
      return parent.node.arguments[messageIndex(callee.name)] === path.node ? 'the message of an error is text for people' : undefined;
    },
  }),
];
