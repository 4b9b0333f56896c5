"""The conversation: the turn loop (`core`, `turn`), routing inside a turn (`router`), the states and the shape
of an entry and of an action entry (`state`), the flows of questions and the tables they make (`flows/`: every
state's entry, the commands, and the action registry the other wings contribute their buttons to), the
debrief in words (`recap`), the field layer every question and the Slack form read answers with (`fields/`),
the form itself (`form`), and the user's data rights (/export, /delete). Only this wing changes the
conversation's state: a wing's button handler returns the next state, and `flows.move` checks the edge."""
