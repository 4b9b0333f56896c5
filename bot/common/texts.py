"""Every text the bot says and every phrase its drafts are built from, in one place to improve."""

from __future__ import annotations

# ---- the chat ---------------------------------------------------------------------------------

WELCOME = (
    "Hi! I'm Followup. Right after a job interview I help you debrief, write a short thank-you "
    "email for each interviewer, and then remind you of every follow-up: a second email if nobody "
    "answers, a polite call after that, and whatever you or they promised to send."
)
ASK_NAME = "First, what name should I sign your emails with?"
ASK_TZ = "Which time zone are you in? A city (Lisbon), a zone (Europe/Lisbon) or an offset (UTC+1)."
ASK_TZ_DEFAULT = "Which time zone are you in? A city, a zone or an offset; or keep {tz}."
TZ_SET = "Time zone set: {tz} (it's {local} there now)."
READY = "You're all set, {name}. Tap “New debrief” after an interview, or type /new."
# /help: this head, a line per command (its words are in the command table, bot/conversation/flows/commands.py),
# then this tail.
HELP_HEAD = "Here is what I can do:\n"
HELP_TAIL = (
    "During a debrief: /back edits the previous answer, /skip passes an optional question, "
    "/cancel stops (your answers so far are kept until you start a new one)."
)
NOTHING_TO_CANCEL = "There's nothing to cancel right now. /new starts a debrief."
CANCELLED = "Stopped. The debrief of {company} is put aside; /new starts a fresh one."
NOTHING_TO_GO_BACK = "This is the first question, so there's nothing to go back to."
CANT_SKIP = "This one isn't optional, sorry. {hint}"
USE_BUTTONS = "Please tap one of the buttons below (or type its number or label)."
UNKNOWN_COMMAND = "I don't know the command {cmd}. /help lists what I can do."
IDLE_HINT = "I'm not in the middle of anything. /new starts a debrief, /help shows everything else."
WHICH_SENT = "Which email did you send? Tap each one you sent."
STALE_BUTTON = "That button is out of date, so I ignored it. The latest question is below."
# Every button that cannot be used (garbled, another user's, a row that is gone) gets these same words,
# so a reply never tells whether someone else's row exists.
FOREIGN_BUTTON = "That button isn't one I can use any more. Nothing was changed."
RESUMING = "Welcome back! Let's continue where we were."
WELCOME_BACK = "Welcome back, {name}! What would you like to do?"
ASK_TZ_WHICH = "“{typed}” could be more than one time zone. Which one is yours? Tap it, or type a city."

# The debrief questions.
Q_COMPANY = "Which company was the interview with?"
Q_ROLE = "What's the role?"
Q_UP_COMPANY = "Which company is the interview with?"
Q_UP_ROLE = "What's the role you'll interview for?"
Q_UP_WHEN = "When will it be? E.g. “tomorrow 10:00” or “Friday at 2pm”."
Q_UP_WHEN_TIME = "What time will it be on {day}? Tap one, or type a time such as 9:30 or 3pm."
Q_UP_WHEN_HOUR = "About what time on {day}, {part}? Tap one, or type it (e.g. 2:30pm)."
UNDERSTOOD = "Noted: {what}."
Q_WHEN = "When was the interview? E.g. “just now”, “today 14:00”, “yesterday at 3pm”."
Q_WHEN_TIME = "What time was it on {day}? Tap one, or type a time such as 9:30 or 3pm."
Q_WHEN_HOUR = "About what time on {day}, {part}? Tap one, or type it (e.g. 2:30pm)."
WHEN_CONFIRM = "Got it: {when}."
Q_PERSON_NAME = "Who interviewed you? Give me one person's name (you can add more after)."
Q_PERSON_NAME_NEXT = "What's the next person's name?"
Q_PERSON_ROLE = "What is {name}'s role (e.g. hiring manager, team lead)? (/skip if you don't know it)"
Q_PERSON_GREETING = (
    "How should the email to {name} greet them? Tap one, or type how you'd address them "
    "(/skip to let me use the first one)."
)
PERSON_UNDERSTOOD = "Noted: {what}."
PHONE_WHICH = "Is that {numbers}? Tap one, or type it with its country code."
PHONE_NOT_HERE = (
    "“{typed}” isn't a number in {country}, and I can't tell which country it is in. Type it with its country code "
    "(e.g. +44 7911 123456), or /skip."
)
PHONE_NOTED = "Noted: {number}, with the note “{note}”."
PHONE_ELSEWHERE = "Noted: {number}, a number in {country}. If that's not right, type it with its country code."
PROMISE_ALREADY_SENT = "Noted: “{what}” is already sent, so there's nothing to remind you of."
EMAIL_COMMA = "That address has a comma where a dot goes: did you mean {fixed}? Type it again, or /skip."
DETAILS_AT_GREETING = "Noted: {what}. The email will greet them “{greeting}” (/back to change it)."
NOT_A_NAME_MORE = (
    "“{typed}” doesn't look like a person's name. Was anyone else in the interview? Type their name (e.g. Sam Lee, "
    "recruiter), or tap “That's everyone”."
)
EMAIL_FROM_WORDS = "Noted: {email}. (/back to change it)"
EMAIL_LATER = "No problem: I'll go on without it for now."
EMAIL_GUESSED = (
    "Noted {email} as your guess, not an address they gave you: check it before anything is sent to it "
    "(/back to change it)."
)
EMAIL_WAS_PHONE = "That's a phone number: noted {number} as {name}'s phone. I'll go on without an email for now."
EMAIL_SHARED = (
    "That's a shared inbox rather than theirs, so I won't write to them there. You can add their own address later."
)
PERSON_NO_NAME = (
    "I got {what}, but not the person's name. Please start with it, e.g. “Maria Lopez, the EM, maria@x.com”."
)
PERSON_UNNAMED = (
    "No problem: I'll note them as “{name}” for now, and their email will start with a plain “Hello,”. When you "
    "learn the name, change it under /interviews, “Edit details”."
)
Q_PERSON_EMAIL = "What's {name}'s email address? (/skip if you don't have it yet)"
Q_PERSON_PHONE = "And {name}'s phone number, if you have one? (/skip if not)"
PERSON_ADDED = "Added {name} ({role})."
Q_PERSON_TOPIC = (
    "One thing you discussed with {name}, in a line? It makes their email personal "
    "(for example “how the team runs on-call”). Or /skip."
)
TOPIC_TOO_LONG = (
    "That's {words} words, a bit long for one line of an email. Could you say it in {most} or fewer? (Or /skip.)"
)
Q_PERSON_MORE = "Was anyone else involved in the interview?"
PEOPLE_ONE_AT_A_TIME = "One person at a time: {first} first, then {others}."
Q_PERSON_MORE_NAMED = "You also named {others}. Shall I add them now, or was anyone else involved?"
B_ADD_NAMED = "Add {name}"
NEXT_PERSON_OR_BUTTONS = "Please tap one of the buttons below, or type the next person's name."
PERSON_LIST = (
    "That looks like a list, and I take one person at a time. Was anyone else in the interview? Type one name "
    "(e.g. Sam Lee, recruiter), or tap “That's everyone”: your notes on the job come right after."
)
PERSON_NOTES = (
    "“{typed}” reads like a note about the job, not a person. Was anyone else in the interview? Type their "
    "name (e.g. Sam Lee, recruiter), or tap “That's everyone”: your notes on the job come right after."
)
PERSON_NOT_A_NAME = (
    "“{typed}” doesn't look like a person's name. Who interviewed you? One name, e.g. Sam Lee, recruiter."
)
PERSON_LIST_FIRST = (
    "That looks like a list, and I take one person at a time: who interviewed you? Type one name (e.g. Sam Lee, "
    "recruiter); I'll ask about the others next."
)
NEED_ONE_PERSON = "I need at least one person to write to. Who interviewed you?"
Q_OPEN_QUESTIONS = "Which ideas or questions are still open for you after the interview? (/skip if none)"
Q_CHALLENGES = "What challenges come with this job, as you understood them? (/skip if you can't say)"
Q_WHY_ME = "And why are you in particular up to those challenges? (/skip if you'd rather not say)"
Q_ASSESSMENT = "Honestly, how did it go, your own performance included?"
Q_CLARIFY = (
    "Is there one thing you'd like to set straight or add, in a line? "
    "(e.g. “I undersold my SQL experience”). /skip if not."
)
Q_NEXT_STEPS = "What did they say the next steps are? (/skip if they didn't say)"
THANK_YOU_IS_MINE = (
    "The thank-you email is my job: I'll draft it for you at the end of the debrief, so there's nothing to track "
    "for it here."
)
NOTHING_BUT_NEXT_STEP = "Nothing to track, then. I added “{said}” to the next steps."
Q_DECISION = "When do they expect to decide? A date or “in two weeks”; or tap “Not sure”."
DECISION_VAGUE = "Noted: a decision “{said}”. That has no day I can count from, so I'll plan as if none was given (/back to change it)."
Q_DECISION_OFFER = "You said “{said}”: shall I note a decision expected by {day}? Tap yes, or type another day."
B_YES_DAY = "Yes, by {day}"
Q_MY_PROMISE = "Did you promise to send them anything (writing samples, references...)? Tell me what, or tap “Nothing”."
Q_MY_PROMISE_WHEN = "By when will you send “{what}”? A day, or tap “No date”."
Q_MY_PROMISE_MORE = "Anything else you promised?"
Q_THEIR_PROMISE = "Did they promise to send you anything (samples, a timeline...)? Tell me what, or tap “Nothing”."
Q_THEIR_PROMISE_WHEN = "By when did they say you'd get “{what}”? A day, or tap “No date”."
Q_THEIR_PROMISE_WHO = "Who promised you “{what}”? I'll name them when it's time to ask for it."
WHO_UNCLEAR = "I couldn't tell which interviewer you mean. Tap their name, or “Not sure”."
WHO_WHICH = (
    "Which one was it: {known} or {other}? Tap {known}, or type {other}'s full name to add them to the people you "
    "met, or tap “Not sure”."
)
WHO_ADDED = "Noted: promised by {who}. I've added them to the people you met."
WHO_DESCRIBED = "Noted: promised by {who}. When I help you ask for it, the email won't greet anyone by name."
Q_THEIR_PROMISE_MORE = "Anything else they promised?"
NOTED_ITEMS = "Noted: {items}. (/back to change it)"
NOTED_THEIRS = "Noted as something they'll send you: {items}."
NOTED_MINE = "Noted as something you'll send them: {items}."
SUMMARY_HEAD = "Here's your debrief. Tap a part to change it, or write the drafts."
DRAFTS_HEAD = (
    "Here are your thank-you emails, one per person. Send each within 24 hours of the interview. "
    "Under each one: “Looks good” keeps it, “Edit” lets you change any of it, “Another version” words it differently."
)
DRAFTS_ROUGH = (
    "Even if it didn't go as well as you hoped, do send them: a short, gracious note keeps you "
    "in the running, and many decisions are still open at this point."
)
DRAFT_NO_EMAIL = "(I don't have {name}'s email address yet: fill in the To: line before sending.)"
EML_SAVED = "Saved as an email draft you can open in your mail program: {path}"

# Buttons
B_NEW = "New debrief"
B_UPCOMING = "Upcoming interview"
B_HELP = "Help"
B_ADD_PERSON = "Add another person"
B_EVERYONE = "That's everyone"
B_WELL = "Went well"
B_MIXED = "Mixed"
B_ROUGH = "Rough"
B_NOT_SURE = "Not sure"
B_NOTHING = "Nothing"
B_NO_DATE = "No date"
B_ADD_MORE = "Add another"
NEXT_PROMISE_OR_BUTTONS = (
    "Please tap one of the buttons below, or type the next thing promised (e.g. “samples by Friday”)."
)
B_THATS_ALL = "That's all"
B_WRITE_DRAFTS = "Write the drafts"
B_KEEP_TZ = "Keep {tz}"
B_COUNTRY = "Country (for phone numbers and dates)"

EDIT_LABELS = {
    "company": "Company & role",
    "when": "Interview time",
    "people": "People",
    "notes": "Open questions",
    "challenges": "Challenges & fit",
    "assessment": "How it went",
    "next": "Next steps & decision",
    "mine": "Your promises",
    "theirs": "Their promises",
}
PEOPLE_EDIT = "Tap a person to remove them, or add someone."
PERSON_REMOVED = "Removed {name}."
B_REMOVE = "Remove {name}"
B_LOOKS_GOOD = "Looks good"
B_EDIT = "Edit"
B_ANOTHER = "Another version"
B_FIX_DETAILS = "Correct details"
B_KEEP_DRAFT = "Keep it as it is"
B_LEAVE_OUT = "Leave it out"
B_EDIT_DETAILS = "Edit details: {name}"
B_DONE_EDITING = "Done"

ASSESSMENT_WORDS = {"well": "went well", "mixed": "mixed", "rough": "rough"}

# ---- the thank-you drafts -------------------------------------------------------------------
# Variants are picked by the person's position, so no two interviewers get the same words. Notes go in
# through bot/drafts/writer: {challenge}, {why}, {question}, {topic} and {point} arrive as clauses that fit
# after a colon or "about" (whole sentences, lowercase start unless a proper noun, no final stop).

SUBJECTS = [
    "Thank you: {role} interview at {company}",
    "Thank you for your time: the {role} role at {company}",
    "Following our conversation about the {role} role at {company}",
    "With thanks from {sender}: {role} at {company}",
]
GREETINGS = ["Dear {first},", "Hi {first},", "Hello {first},"]
GREETING_FORMAL = "Dear {first},"
OPENINGS = [
    "Thank you for taking the time to talk with me {when} about the {role} role at {company}.",
    "Many thanks for meeting me {when}; I enjoyed learning more about the {role} position at {company}.",
    "I appreciated our conversation {when} about joining {company} in the {role} role.",
    "Thanks again for the interview {when}; it made me even keener on the {role} role at {company}.",
]
PERSONAL = [
    "It was good to hear your view as {person_role}.",
    "Hearing how things look from your side as {person_role} was really helpful.",
    "I valued your perspective as {person_role}.",
]
TOPIC = [
    "I especially enjoyed our conversation about {topic}.",
    "What you said about {topic} has stayed with me.",
    "I'm glad we had time to talk about {topic}.",
]
# The thing discussed typed as a clause ("you want reporters doing reels", "month-end close takes 12 days"):
# said after a colon, never after "about".
TOPIC_CLAUSE = [
    "One part of our conversation has stayed with me: {topic}.",
    "One thing we talked about has stayed with me: {topic}.",
    "I'm glad we had time for one point in particular: {topic}.",
]
CHALLENGE = [
    "One challenge we discussed has stayed with me: {challenge}.",
    "I keep coming back to the challenge we talked about: {challenge}.",
    "The part of the role that stood out to me most was the challenge ahead: {challenge}.",
]
# The challenge typed as a noun phrase ("flaky tests", "the big class of 31", "making releases predictable"): said
# inside the writer's own sentence, never as a bare fragment after a colon.
CHALLENGE_PHRASE = [
    "One challenge we discussed, {challenge}, has stayed on my mind.",  # never "me. I": pysbd reads "Me." (Maine)
    "I keep coming back to the challenge of {challenge}.",
    "The challenge of {challenge} stood out to me most.",
]
SECOND_CHALLENGE_PHRASE = "I've kept thinking about the challenge of {challenge}."
# The challenge named without quoting it, when the note about it only criticised the company ("your
# dashboards are a mess"): the fit that follows still has a challenge to point at.
CHALLENGE_UNQUOTED = [
    "One challenge we discussed has stayed with me.",
    "I keep coming back to the challenge we talked about.",
    "The part of the role that stood out to me most was the challenge ahead.",
]
FIT = [
    "I believe I'm well placed to take it on: {why}.",
    "This is where I think I can help: {why}.",
    "It's the kind of problem I enjoy, and my background fits it: {why}.",
]
FIT_ALONE = [
    "I believe my background fits the role well: {why}.",
    "Here is why I think I'd do the job well: {why}.",
    "What I'd bring to the team: {why}.",
]
QUESTION = [
    "One question is still on my mind: {question}.",
    "I'd be glad to talk more about one open point: {question}.",
    "A question I took away from our talk: {question}.",
]
# What the user set straight or added (after any interview): one sentence that leads with the corrected point.
CLARIFY_ON = "On {topic}, {point}."
CLARIFY_POINT = [
    "To be clear: {point}.",
    "One thing I'd like to put more clearly than I did: {point}.",
]
CLARIFY_ADDED = "{point}, which I forgot to mention."  # the point first: "I also have my forklift licence, ..."
CLARIFY_TOPIC = "I'd be glad to say more about {topic}, which I didn't do justice in our conversation."
CLARIFY_MISSED = "I'd also like to mention {topic}, which didn't come up in our conversation."
# A promised item the check cannot vouch for every word of, in the writer's own words.
PROMISED_ITEM = "the details we discussed"
PROMISED_MINE = "what I mentioned"  # an item the user promised that nothing of could be named in an email
PROMISE_DATED = "As promised, I'll send {what} by {day}."
PROMISE_SOON = "As promised, I'll send {what} shortly."
PROMISE_WHEN = "As promised, I'll send {what}."  # the item says when itself: "my certificate once I get it"
PROMISE_MORE_DATED = "{What} will follow by {day}."
PROMISE_MORE_SOON = "{What} will follow soon after."
# When the notes give nothing to say about the conversation, one line of interest keeps the email from
# reading as a form letter.
INTEREST = [
    "I came away even more interested in the role and in what the team is working on.",
    "Our conversation confirmed how much I'd like to contribute to {company}.",
    "I left keen to bring my experience to the team.",
]
CLOSINGS = [
    "I look forward to hearing about the next steps.",
    "I'm looking forward to the next steps, and happy to answer anything else in the meantime.",
    "Please let me know if there's anything more I can share.",
]
SIGNOFFS = ["Best regards,", "Kind regards,", "With thanks,", "All the best,"]

# ---- the second email and the call (the ladder) --------------------------------------------

SECOND_SUBJECT = "Following up: {role} at {company}"
SECOND_OPENINGS = [
    "A quick follow-up on our conversation {when} about the {role} role at {company}.",
    "I'm writing to follow up on our interview {when} for the {role} role at {company}.",
]
# After a skipped thank-you, the next email is the first one: it introduces, it does not follow up.
FIRST_SUBJECT = "Our conversation about the {role} role at {company}"
FIRST_OPENINGS = [
    "Thank you again for your time {when} on the {role} role at {company}.",
    "It was good to talk {when} about the {role} role at {company}.",
]
SECOND_TOPIC = "I've kept thinking about {topic}."
SECOND_TOPIC_CLAUSE = "I've kept thinking about one point from our conversation: {topic}."
SECOND_CHALLENGE = "I've kept thinking about the challenge we discussed: {challenge}."
SECOND_CHALLENGE_UNQUOTED = "I've kept thinking about the challenge we discussed."
SECOND_FIT = "As I mentioned, I'm well placed to help: {why}."
SECOND_FIT_ALONE = "As I mentioned, I believe my background fits the role well: {why}."
SECOND_SENT = "I've sent {what} as promised."
SECOND_ASKS = [
    "I'm still very keen on the role; is there any news on the timeline?",
    "My interest in joining {company} is as strong as ever; do you have news on the timeline?",
]
SECOND_SIGNOFF = "Best,"
# Asking for what they promised: two lines, polite, no pressure.
CHASE_SUBJECT = "{What}: {role} at {company}"
CHASE_ASK = [  # no "it": what they promised is often plural ("client case studies")
    "When we spoke {when}, you mentioned you would send {what}{by}. Could you let me know when I might expect that?",
    "I wanted to check on {what}, which you kindly offered to send{by} when we spoke {when}. Is that still planned?",
    "Following up on our conversation {when}: you said you'd share {what}{by}. Could you tell me roughly when to "
    "expect that?",
]
CHASE_THANKS = [
    "Thank you, and I'm looking forward to the next steps.",
    "Many thanks; I'm looking forward to hearing from you.",
    "Thanks a lot, and I'm still very interested in the {role} role.",
]
CHASE_GREETING_UNKNOWN = "Hello,"
CALL_SCRIPT = (
    "Call {name}{phone}.\n"
    "Say who you are: “Hi {first}, this is {sender}; we met {when} about the {role} role at {company}.”\n"
    "{specific}"
    "Say you're still interested: “I enjoyed our conversation and I'm still very keen on the role.”\n"
    "Ask about the timeline: “Is there anything you need from me, and do you know when you'll decide?”\n"
    "Keep it short and friendly: you're showing interest, not asking for an answer."
)
CALL_SPECIFIC = "Mention one thing you talked about: “I've kept thinking about {topic}.”\n"
CALL_CHALLENGE = (
    "If the moment fits, recall the challenge you discussed ({challenge}) and, in a line, why you're up to it.\n"
)
CALL_NO_PHONE = " (I don't have a number: try the switchboard)"


# ---- the drafts after the debrief: shortening a note, confirming, editing ---------------------

NOTE_WORDS = {
    "challenges": "the job's challenges",
    "why_me": "why you're a good fit",
    "open_questions": "your open questions",
    "clarification": "what you wanted to set straight",
}
Q_SHORTEN = (
    "Your note on {what} is too long to use in an email as it is:\n“{note}”\n\n"
    "Could you put it in one line of up to {most} words? I'll use that in the drafts and keep your full note. "
    "Or tap “Leave it out”."
)
NOTE_TOPIC = "what you discussed with {name}"
# The check's question about one note, before the drafts are shown: the sentence as it would read.
Q_CHECK = (
    "Before I write the drafts, one thing about your note on {what}. In the email it would read:\n“{sentence}”\n"
    "{why} Tap “Use it” to keep it like that, “Leave it out”, or type one line to use instead."
)
B_USE_IT = "Use it"
CHECK_WHY_CRITICISM = "Your words “{excerpt}” would read as criticism of their company, so I put it this way"
CHECK_WHY_VOUCH = "I can't be sure “{excerpt}” reads right in an email: keep it as it is?"
CHECK_WHY_WORD = "I don't know the word “{excerpt}”: is it spelled the way you want it?"
CHECK_WHY_SHORT = "“{excerpt}” could mean {meanings}: I wrote “{meaning}”. Is that right?"
# Said under a draft the check still stops at, so nothing goes out unread.
DRAFT_LEFT = "Before you send this one, have a look at: {what}."
# Under a draft that leaves out what the user wanted to set straight: never dropped without a word.
CLARIFY_LEFT_OUT = (
    "I left out what you wanted to set straight (“{note}”): I couldn't make it read as a clear sentence for an "
    "email. If it matters, tap “Edit” under the draft it belongs in and add one line in your own words, e.g. "
    "“To be clear: …”."
)
# Every optional answer skipped: the drafts can only be generic; the one question that helps most.
Q_GENERIC = (
    "You skipped the questions that make a thank-you personal, so the drafts would be generic. "
    "One line would help most: what's one thing you discussed with {name}? (or tap “Write them anyway”)"
)
B_WRITE_ANYWAY = "Write them anyway"
SHORTEN_TOO_LONG = "That's {words} words; please keep it to {most} or fewer, so it fits in one line of the email."
DRAFT_APPROVED = "✅ Looks good: reminders, “Show draft” and the .eml file use this text."
DRAFT_ANOTHER = "Here's another version. Tap “Looks good” to keep it, or ask for another."
DRAFT_BY_MODEL = (
    "(Worded by the language model, then checked: every name, date and promise in it comes from your notes. "
    "/settings turns the model off for you.)"
)
SETTINGS_MODEL_ON = (
    "Drafts: written with a language model, then checked against your notes (answers I can't read are shown to it too)"
)
SETTINGS_MODEL_OFF = "Drafts: written without the language model (you turned it off; nothing of yours is sent to it)"
B_MODEL_OFF = "Drafts without the model"
B_MODEL_ON = "Drafts with the model"
MODEL_TURNED_OFF = (
    "Done: from now on your drafts are written without the language model, and nothing of yours goes to it."
)
MODEL_TURNED_ON = "Done: your drafts are written with the language model again, and checked against your notes."
MODEL_READ = "I had the language model help read that; /back if I got it wrong."
Q_DRAFT_EDIT = (
    "Send the whole email as you'd like it, or change one sentence: send its number and the new sentence, "
    "like “{example}: {sentence}”. To remove a sentence, send its number and a dash (“{example}: -”).\n\n{lines}"
)
DRAFT_EDIT_NO_SENTENCE = "There's no sentence {number}: the draft has {count}. Please use one of the numbers shown."
DRAFT_EDIT_TOO_SHORT = (
    "That's very short for a whole email. To change one sentence, start with its number, like “3: ...”."
)
DRAFT_SAVED = "Saved your version. Reminders, “Show draft” and the .eml file use it from now on."
DRAFT_KEPT = "The draft stays as it was."
DRAFTS_STOPPED = "Stopped. Nothing you saved is lost, and your reminders will bring each draft when it's time."
DEBRIEF_REGISTERED = "Let's debrief your interview at {company} ({role})."
DRAFT_FINISH_FIRST = "Let's finish what we're doing first (or /cancel it), then tap “{label}” again."

# ---- correcting a person's details after the drafts --------------------------------------------

FIX_FIELDS = {
    "name": "Name",
    "greeting": "Greeting",
    "role": "Role",
    "email": "Email",
    "phone": "Phone",
    "topic": "What you discussed",
}
Q_FIX_PERSON = "{name}'s details:\n{details}\n\nWhat would you like to change? Their drafts follow the change."
Q_FIX_VALUE = {
    "name": "What's {name}'s name, as it should appear in the To: line?",
    "greeting": "How should the email greet {name}? (For example “Jane” or “Dr Müller”.)",
    "role": "What's {name}'s role? (/skip to leave it out)",
    "email": "What's {name}'s email address? (/skip to remove it)",
    "phone": "What's {name}'s phone number? (/skip to remove it)",
    "topic": "One thing you discussed with {name}, in a line? (/skip to remove it)",
}
FIX_SAVED = "Saved. Here's {name}'s thank-you as it reads now:"
FIX_SAVED_PLAIN = "Saved."
FIX_DONE = "Done. Reminders and drafts use the corrected details from now on."
PROMISE_WHAT = "What is it? Tell me the thing itself, e.g. “two references by Friday”, or tap “Nothing”."
