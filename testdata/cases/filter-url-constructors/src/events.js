// Plain JavaScript: an EventSource on an absolute URL under the prefix.
export const stream = () => new EventSource("https://support.example.com/rooms/support-agent/default/events");
export const typo = () => fetch("https://support.example.com/rooms/suport-agent/default"); // want 68 "unroutable-agent-url" "/rooms/suport-agent/"
