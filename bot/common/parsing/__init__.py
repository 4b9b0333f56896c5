"""Turning what people type into checked values: dates, time zones, emails, phone numbers.

Import each name from the module that owns it:

- `text`: `Invalid` (the error every reader raises; its message says what to type instead),
  `clean_text`, `clean_name` and the length limits `MAX_ANSWER_CHARS`, `MAX_NAME_CHARS`.
- `contacts`: `check_email`, `check_phone`, `format_phone`.
- `zones`: `parse_timezone` (a city, an IANA name or an offset) and `region_for_zone` (the country a
  zone belongs to, from tzdata's tables).
- `dates`: `DayRange`, `Ambiguous`, `PAST` / `FUTURE`, the calendar words and date arithmetic, and
  `date_order` (how a country writes numeric dates, from CLDR).
- `day_rules`: our own readings of vague day phrases ("end of next week", "mid-December"), tried
  before dateparser.
- `days`: `read_day` and `parse_day` (a whole answer), `find_day` (a day phrase inside a sentence).
- `moments`: `Moment`, `DayOnly`, `read_moment`, `parse_moment`, `at_local`, `PARTS_OF_DAY`.
- `words`: `say_date`, `say_range`, `say_moment`, `raw_day` (days and moments said back in words).
"""
