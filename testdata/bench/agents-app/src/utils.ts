import type { UIMessage, UIMessageStreamWriter, ToolSet } from "ai";
import { convertToModelMessages, isToolUIPart } from "ai";
import { APPROVAL } from "./shared";

function isValidToolName<K extends PropertyKey, T extends object>(key: K, obj: T): key is K & keyof T {
  return key in obj;
}

export async function processToolCalls<Tools extends ToolSet, ExecutableTools extends { [Tool in keyof Tools as Tools[Tool] extends { execute: Function } ? never : Tool]: Tools[Tool] }>({
  dataStream,
  messages,
  executions
}: {
  tools: Tools;
  dataStream: UIMessageStreamWriter;
  messages: UIMessage[];
  executions: { [K in keyof Tools & keyof ExecutableTools]?: (args: unknown, context: unknown) => Promise<unknown> };
}): Promise<UIMessage[]> {
  const processedMessages = await Promise.all(
    messages.map(async (message) => {
      const parts = message.parts;
      if (!parts) return message;
      const processedParts = await Promise.all(
        parts.map(async (part) => {
          if (!isToolUIPart(part)) return part;
          const toolName = part.type.replace("tool-", "") as keyof typeof executions;
          if (!(toolName in executions) || part.state !== "output-available") return part;
          let result: unknown;
          if (part.output === APPROVAL.YES) {
            if (!isValidToolName(toolName, executions)) return part;
            const toolInstance = executions[toolName];
            result = toolInstance ? await toolInstance(part.input, { messages: convertToModelMessages(messages), toolCallId: part.toolCallId }) : "Error: No execute function found on tool";
          } else if (part.output === APPROVAL.NO) {
            result = "Error: User denied access to tool execution";
          } else {
            return part;
          }
          dataStream.write({ type: "tool-output-available", toolCallId: part.toolCallId, output: result });
          return { ...part, output: result };
        })
      );
      return { ...message, parts: processedParts };
    })
  );
  return processedMessages;
}

export function cleanupMessages(messages: UIMessage[]): UIMessage[] {
  return messages.filter((message) => {
    if (!message.parts) return true;
    const hasIncompleteToolCall = message.parts.some((part) => {
      if (!isToolUIPart(part)) return false;
      return part.state === "input-streaming" || (part.state === "input-available" && !part.output && !part.errorText);
    });
    return !hasIncompleteToolCall;
  });
}
