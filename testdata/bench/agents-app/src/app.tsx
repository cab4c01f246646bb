import { useEffect, useState, useRef, useCallback } from "react";
import { useAgent } from "agents/react";
import { useAgentChat } from "@cloudflare/ai-chat/react";
import { isToolUIPart } from "ai";
import type { UIMessage } from "@ai-sdk/react";
import type { tools } from "./tools";
import { Button } from "./components/button";
import { Card } from "./components/card";
import { Textarea } from "./components/textarea";
import { ToolInvocationCard } from "./components/tool-invocation-card";
import { APPROVAL } from "./shared";

const toolsRequiringConfirmation: (keyof typeof tools)[] = ["getWeatherInformation"];

export default function Chat() {
  const [theme, setTheme] = useState<"dark" | "light">(() => (localStorage.getItem("theme") as "dark" | "light") || "dark");
  const [showDebug, setShowDebug] = useState(false);
  const [textareaHeight, setTextareaHeight] = useState("auto");
  const messagesEndRef = useRef<HTMLDivElement>(null);

  const scrollToBottom = useCallback(() => {
    messagesEndRef.current?.scrollIntoView({ behavior: "smooth" });
  }, []);

  useEffect(() => {
    document.documentElement.classList.toggle("dark", theme === "dark");
    localStorage.setItem("theme", theme);
  }, [theme]);

  const agent = useAgent({ agent: "chat" });
  const scheduler = useAgent({ agent: "Scheduler", name: "main" });
  const [agentInput, setAgentInput] = useState("");

  const { messages: agentMessages, addToolResult, clearHistory, status, sendMessage, stop } = useAgentChat<unknown, UIMessage<{ createdAt: string }>>({ agent });

  useEffect(() => {
    agentMessages.length > 0 && scrollToBottom();
  }, [agentMessages, scrollToBottom]);

  const pendingToolCallConfirmation = agentMessages.some((m: UIMessage) =>
    m.parts?.some((part) => isToolUIPart(part) && part.state === "input-available" && toolsRequiringConfirmation.includes(part.type.replace("tool-", "") as keyof typeof tools))
  );

  const handleAgentSubmit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!agentInput.trim()) return;
    const message = agentInput;
    setAgentInput("");
    await sendMessage({ role: "user", parts: [{ type: "text", text: message }] });
  };

  const formatTime = (date: Date) => date.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });

  return (
    <div className="h-[100vh] w-full p-4 flex justify-center items-center bg-fixed overflow-hidden">
      <div className="h-[calc(100vh-2rem)] w-full mx-auto max-w-lg flex flex-col shadow-xl rounded-md overflow-hidden relative border border-neutral-300 dark:border-neutral-800">
        <div className="px-4 py-3 border-b border-neutral-300 dark:border-neutral-800 flex items-center gap-3 sticky top-0 z-10">
          <h2 className="font-semibold text-base">AI Chat Agent</h2>
          <Button onClick={() => setShowDebug((d) => !d)}>debug</Button>
          <Button onClick={() => setTheme(theme === "dark" ? "light" : "dark")}>theme</Button>
          <Button onClick={clearHistory}>clear</Button>
          <Button onClick={() => scheduler.send(JSON.stringify({ type: "tick" }))}>tick</Button>
        </div>
        <div className="flex-1 overflow-y-auto p-4 space-y-4 pb-24 max-h-[calc(100vh-10rem)]">
          {agentMessages.length === 0 && (
            <Card className="p-6 max-w-md mx-auto bg-neutral-100 dark:bg-neutral-900">
              <h3 className="font-semibold text-lg">Welcome to AI Chat</h3>
              <p className="text-muted-foreground text-sm">Start a conversation with your AI assistant.</p>
            </Card>
          )}
          {agentMessages.map((m, index) => {
            const isUser = m.role === "user";
            const showAvatar = index === 0 || agentMessages[index - 1]?.role !== m.role;
            return (
              <div key={m.id}>
                {showDebug && <pre className="text-xs text-muted-foreground overflow-scroll">{JSON.stringify(m, null, 2)}</pre>}
                <div className={`flex ${isUser ? "justify-end" : "justify-start"}`}>
                  <div className={`flex gap-2 max-w-[85%] ${isUser ? "flex-row-reverse" : "flex-row"}`}>
                    {showAvatar && !isUser ? <span className="avatar">AI</span> : !isUser && <div className="w-8" />}
                    <div>
                      {m.parts?.map((part, i) => {
                        if (part.type === "text") {
                          return (
                            <div key={i}>
                              <Card className={`p-3 rounded-md ${isUser ? "rounded-br-none" : "rounded-bl-none"}`}>
                                <p className="text-sm whitespace-pre-wrap">{part.text}</p>
                              </Card>
                              <p className="text-xs text-muted-foreground mt-1">{formatTime(m.metadata?.createdAt ? new Date(m.metadata.createdAt) : new Date())}</p>
                            </div>
                          );
                        }
                        if (isToolUIPart(part) && m.id.startsWith("assistant")) {
                          const toolCallId = part.toolCallId;
                          const toolName = part.type.replace("tool-", "");
                          const needsConfirmation = toolsRequiringConfirmation.includes(toolName as keyof typeof tools);
                          return (
                            <ToolInvocationCard
                              key={`${toolCallId}-${i}`}
                              toolUIPart={part}
                              toolCallId={toolCallId}
                              needsConfirmation={needsConfirmation}
                              onSubmit={({ toolCallId, result }) => addToolResult({ tool: part.type.replace("tool-", ""), toolCallId, output: result })}
                              addToolResult={(toolCallId, result) => addToolResult({ tool: part.type.replace("tool-", ""), toolCallId, output: result === APPROVAL.YES ? APPROVAL.YES : APPROVAL.NO })}
                            />
                          );
                        }
                        return null;
                      })}
                    </div>
                  </div>
                </div>
              </div>
            );
          })}
          <div ref={messagesEndRef} />
        </div>
        <form onSubmit={handleAgentSubmit} className="p-3 bg-neutral-50 absolute bottom-0 left-0 right-0 z-10 border-t">
          <Textarea
            disabled={pendingToolCallConfirmation}
            placeholder={pendingToolCallConfirmation ? "Please respond to the tool confirmation above..." : "Send a message..."}
            value={agentInput}
            onChange={(e) => {
              setAgentInput(e.target.value);
              e.target.style.height = "auto";
              e.target.style.height = `${e.target.scrollHeight}px`;
              setTextareaHeight(`${e.target.scrollHeight}px`);
            }}
            rows={2}
            style={{ height: textareaHeight }}
          />
          {status === "submitted" || status === "streaming" ? <Button onClick={stop}>stop</Button> : <Button type="submit">send</Button>}
        </form>
      </div>
    </div>
  );
}
