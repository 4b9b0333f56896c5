"""What every wing shares, kept small and at the bottom: the boundary types (`events`), button codes (`actions`),
the clock, keyed locks, how names are written (`names`), every text the bot says (`texts`), times and dates in
words (`when`), a country's working days (`workdays`), the message catalogue and plurals (`i18n`) and reading typed values (`parsing`). Nothing here
imports a wing."""

import re

# The writer, the check and the parsers call `re.sub(r"...", ...)` with about 1,800 distinct patterns (dateparser's
# too), far more than the 512 that `re` keeps compiled: its cache dropped the oldest pattern for each new one, so
# every "Write the drafts" turn compiled hundreds of patterns again (about 45% of that turn's CPU). Keeping 8,192
# makes each pattern compiled once per process (bounded: a pattern built from typed text still drops the oldest).
re._MAXCACHE = max(re._MAXCACHE, 8192)  # type: ignore[attr-defined]
