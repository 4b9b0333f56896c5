"""The emails: the draft type (`draft`), the one reader of a draft's current text (`store`), the user's edits
(`edits`), the thank-yous (`thank_you`), the later emails (`later`: second or first email, chase, call script)
and turning notes into sentences (`writer/`)."""
