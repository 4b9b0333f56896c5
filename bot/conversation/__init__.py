"""The conversation: the turn loop (`core`, `turn`), routing inside a turn (`router`), the flows of questions
(`flows/`), the field layer every question and the Slack form read answers with (`fields/`), the form itself
(`form`), and the user's data rights (/export, /delete). Only this wing changes the conversation's state."""
