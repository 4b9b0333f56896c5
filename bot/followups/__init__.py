"""Follow-ups after an interview: the kinds (`kinds`: one `KindSpec` per kind), planning the ladder (`ladder`) and
when each step is due (`timing`), the reminder's words and buttons (`messages`), what a tap does (`taps`), the
/interviews overview and /stats (`overview`), the calendar export (`calendar`) and sending due reminders exactly
once (`dispatch/`)."""
