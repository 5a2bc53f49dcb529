/** Parses a JSONL byte stream line by line without holding the whole file (bulk results can be GBs). */
export async function* readJsonLines(stream: ReadableStream<Uint8Array>): AsyncGenerator<unknown> {
  const decoder = new TextDecoder();
  const reader = stream.getReader();
  let buffered = "";
  try {
    for (;;) {
      const { done, value } = await reader.read();
      buffered += done ? decoder.decode() : decoder.decode(value, { stream: true });
      let newline = buffered.indexOf("\n");
      while (newline >= 0) {
        const line = buffered.slice(0, newline).trim();
        buffered = buffered.slice(newline + 1);
        if (line) yield JSON.parse(line) as unknown;
        newline = buffered.indexOf("\n");
      }
      if (done) break;
    }
    if (buffered.trim()) yield JSON.parse(buffered) as unknown;
  } finally {
    reader.releaseLock();
  }
}
