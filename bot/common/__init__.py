"""What every wing shares, kept small and at the bottom: the boundary types (`events`), button codes (`actions`),
the clock, keyed locks, how names are written (`names`), every text the bot says (`texts`), times and dates in
words (`when`), a country's working days (`workdays`), the message catalogue and plurals (`i18n`) and reading typed values (`parsing`). Nothing here
imports a wing."""
