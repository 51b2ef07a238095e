"""The LLM classifier: any server speaking the Chat Completions API (OpenAI, vLLM...)."""
