"""Every sentence htx shows a person, in one place, so that a Vietnamese interface can follow.

Problems complete the sentence "FIELD: 'VALUE' …"; the CLI prefixes "Error: ".
"""

# --- problems with one value --------------------------------------------------------------
NOT_A_DATE = "is not a date (use YYYY-MM-DD or DD/MM/YYYY)"
NOT_AN_INTEGER = "is not a whole number"
NEGATIVE = "must not be negative"
TOO_LARGE = "must not be more than {limit}"
NOT_MONEY = (
    "is not an amount of đồng (use 1600000000, 1.600.000.000, '1,6 tỷ', '350 triệu' or '1 tỷ 500 triệu')"
)
AMBIGUOUS_MONEY = "is ambiguous: write whole đồng such as 1.500.000 or '1,5 triệu'"
FRACTION_OF_DONG = "is not a whole number of đồng"
NOT_IN_VOCABULARY = "is not one of: {choices}"
SCORE_RANGE = "must be between 0 and 100"
YEAR_RANGE = "is not a year between 1900 and 2100"
YEARS_BACKWARDS = "ends before it starts (write FIRST..LAST, e.g. 2016..2020)"
YEARS_TOO_MANY = "spans more than {limit} years"
GRADE_CONTRADICTS_SCORE = "contradicts score {score} (which is {expected})"
DISSOLVED_BEFORE_FOUNDED = "is before the founding date {founded}"
FOUNDED_AFTER_DISSOLVED = "is after the dissolution date {dissolved}"
YEAR_BEFORE_FOUNDED = "is before the founding year {founded}"
YEAR_AFTER_DISSOLVED = "is after the year of dissolution {dissolved}"
SUPPORT_BEFORE_FOUNDED = "is before {code} was founded ({founded})"
SUPPORT_AFTER_DISSOLVED = "is after {code} was dissolved ({dissolved})"
WARNING = "Warning: {problem}; recorded all the same"
SAME_NAME = "the same name (accents and case aside) is registered to {codes}, perhaps the same organisation"
EMPTY_TEXT = "must not be empty"
CONTROL_CHARACTERS = "contains control characters"
TOO_LONG = "is longer than {limit} characters"
CODE_SPACES = "must not contain spaces"
CODE_CHARACTERS = (
    "must be letters, digits and - . / _, starting with a letter or digit (e.g. 4700257731, THT-07)"
)
MONEY_TOO_LARGE = "is larger than {limit} đồng, the most htx can hold"
MONEY_PARTS = (
    "is not an amount: its units must go down (tỷ, triệu, nghìn), each once and each part less than "
    "one of the unit before, e.g. '1 tỷ 500 triệu'"
)
DATE_IN_FUTURE = "is later than today ({today}); record it once it has happened"
# Warnings: values recorded all the same, each a likely typo.
IMPLAUSIBLE_CAPITAL = "is more than {limit} tỷ đồng, more than any cooperative's capital (a digit too many?)"
CREDIT_WITHOUT_AMOUNT = "has neither an amount nor a quantity (so 0 đồng, quantity 1)"
# One district typed two ways ('BA BỂ', 'Ba Bể') would be two rows of the report.
DISTRICT_RESPELLED = "Warning: district {given!r} is stored as {stored!r}; using {stored!r}"

# --- problems with records ----------------------------------------------------------------
UNKNOWN_CODE = "code: {code!r} is not in the registry (see 'htx list' or 'htx search')"
CODE_TAKEN = "code: {code!r} is already registered, to {name!r}"
REFERENCE_TAKEN = "reference: {reference!r} is already recorded (support #{id})"
ALREADY_DISSOLVED = "{code} was already dissolved on {date}"
NOT_DISSOLVED = "{code} is not dissolved"
NOTHING_TO_CHANGE = "nothing to change: give at least one field, e.g. --name or --members"
MISSING_FIELDS = "missing {fields} (give them as options: {options})"
UNKNOWN_DISTRICT = "is not a district of the registry (districts: {districts})"
NOTHING_TO_UNDO = "nothing to undo: every change in the history is already undone"
UNDO_MOVED = "the newest change is now #{found}, not #{expected}: someone else wrote; run htx undo again"
UNDO_NO_SUCH_ENTRY = "entry: #{id} is not in the history (htx history shows the numbers)"
UNDO_AN_UNDO = "entry: #{id} is an undo (of #{of}); an undo is not undone: make the change again instead"
UNDO_ALREADY_UNDONE = "entry: #{id} was already undone, by #{by}"
UNDO_LATER_CHANGES = (
    "entry: #{id} cannot be undone on its own: later changes touched the same records ({later}); "
    "undo those first, newest first (htx undo {last})"
)
NOT_AN_ENTRY = "is not an entry number (htx history shows them, e.g. 24 or #24)"
NO_SUCH_SUPPORT = "support #{id} is not in the registry"
RATE_NEEDS_CODE = (
    "code: missing; give CODE YEAR GRADE (e.g. htx rate 4700284512 2024 khá), or --year YEAR alone at a "
    "terminal to rate one organisation after another"
)
RATE_NEEDS_YEAR = "year: missing; give it after the code (e.g. htx rate {code} 2024 khá) or as --year"
RATE_NEEDS_GRADE = "grade: missing; give one after the year (e.g. htx rate {code} {year} khá) or --score"
RATE_YEAR_TWICE = "year: given twice ({first!r} and --year {second}); give it once"
RATE_SESSION_NEEDS_TERMINAL = (
    "code: missing; without a CODE, htx rate --year asks for codes and grades, which needs a terminal: "
    "run it at one, or give CODE GRADE"
)
RATE_SESSION_OPTIONS = "--score and --note go with a CODE; in a rating session, type the score at the prompt"
# htx show NAME: pointed to htx search; {query} is the text quoted for the shell.
SHOW_NOT_A_CODE = "code: {text!r} is not a code; to find an organisation by name: htx search {query}"
SHOW_SEARCH_FINDS = " (it finds {count})"
SHOW_SEARCH_FINDS_NONE = " (it finds none; htx list shows every organisation)"
SHOW_AS_A_NAME = "; as a name, htx search {query} finds {count}"
UNKNOWN_CODE_NEAR = "code: {code!r} is not in the registry; did you mean {near}?"

# --- the database -------------------------------------------------------------------------
DB_NOT_A_DATABASE_FILE = (
    "database: {path} is not a registry but another kind of file (text, a spreadsheet…); "
    "check --db or $HTX_DB"
)
DB_EMPTY_FILE = (
    "database: {path} is an empty file, not a registry; check --db, or to start a registry there, "
    "give it a name ending in .db"
)
DB_CREATED = "Created a new registry at {path}; back it up now and then with: htx db backup FILE"
DB_NOT_SQLITE = "database: {path} is not an htx registry or not a SQLite file ({detail})"
DB_CANNOT_OPEN = "database: cannot open {path} ({detail})"
DB_PARENT_NOT_FOLDER = "{parent} is a file, not a folder"
DB_IS_FOLDER = "it is a folder, not a file"
DB_READ_ONLY_FILE = "the file is read-only; htx needs to write to it"
DB_READ_ONLY_FOLDER = "the folder {folder} is read-only; SQLite writes its journal files beside the database"
DB_NEWER_SCHEMA = (
    "database: {path} has schema revision {found}, newer than this htx knows ({head}); upgrade htx"
)
DB_BACKUP_WRITTEN = "Backed up {path} to {backup} before upgrading its schema"
DB_UPGRADED = "Schema of {path} is at revision {revision}"
DB_MISSING = (
    "database: {path} does not exist (check --db or $HTX_DB); htx add, htx import or htx db upgrade create it"
)
# What a user can do about the database errors SQLite reports tersely. Every write is one transaction,
# so a failed command has changed nothing.
DB_HINTS = {
    "disk I/O error": "is the disk full or disconnected? Nothing was changed",
    "database or disk is full": "free some disk space; nothing was changed",
    "database is locked": "another program kept it busy too long; try again, nothing was changed",
    "lock timeout": "another clerk's command kept it busy too long; try again, nothing was changed",
    "malformed": "restore it from a backup (htx db backup makes one)",
}
DB_UNKNOWN_DRIVER = "database: no driver for {url!r}; {hint}"
DB_IN_MEMORY = "database: {url!r} is a database in memory, forgotten when htx exits; give a file"
DB_SQLITE_URL_OPTIONS = (
    "database: {url!r}: htx opens SQLite files its own way; give the file's path without options"
)
DB_URL_WITHOUT_SLASHES = (
    "database: {value!r} looks like a server URL without the '//' after '{scheme}:'; "
    "write it as {scheme}://user@host/database"
)

# --- confirmations on stderr --------------------------------------------------------------
ADDED = "Added {code} {name}"
EDITED = "Updated {code}: {fields}"
DISSOLVED = "Recorded {code} as dissolved on {date}"
REINSTATED = "Reinstated {code}"
RATED = "Rated {code} for {year}: {grade}"
RATED_AGAIN = "Replaced the {year} rating of {code}: {old} -> {grade}"
GRADE_WITH_SCORE = "{grade} ({score} points)"
SUPPORT_ADDED = "Recorded support #{id}: {program}, {date}"

# --- questions at a terminal (cli/prompts.py) --------------------------------------------
PROMPT_PROBLEM = "Not accepted: {problem}"
PROMPT_REQUIRED = "an answer is required"
# `htx add` asks for each field not given as an option, showing the form it takes.
ADD_PROMPTS = {
    "name": "Name (e.g. HTX Nông nghiệp Tân Thành)",
    "code": "Code (registration or tax code, e.g. 4700284512)",
    "kind": "Kind ({choices}, or HTX, THT, LHTX, QTDND; Enter for cooperative)",
    "district": "District (huyện; Enter to skip)",
    "commune": "Commune (xã, phường; Enter to skip)",
    "sector": "Sector ({choices}, or nông nghiệp, thương mại…; Enter to skip)",
    "founded": "Founding date (DD/MM/YYYY)",
    "members": "Members (a whole number; Enter to skip)",
    "capital_vnd": "Capital in đồng (e.g. 1,5 tỷ or 350 triệu; Enter to skip)",
}
ADD_ABANDONED = "Stopped: nothing was added."
# `htx rate --year YEAR` without a code: a rating session.
SESSION_START = (
    "Rating {year}: type a code, then its grade ({grades}, or tốt, khá, trung bình, yếu, chưa xếp loại) "
    "or a score from 0 to 100. Each rating is saved at once; an empty code ends."
)
PROMPT_RATING_CODE = "Code (Enter to finish)"
PROMPT_RATING_GRADE = "Grade or score for {code} {name} (Enter to skip)"
SESSION_CURRENT = "{code} is rated {grade} for {year} so far; a new grade replaces it"
SESSION_SKIPPED = "Skipped {code}: nothing saved"
SESSION_SUMMARY = "Rating session for {year} ended. Organisations rated: {count}"
SESSION_STOPPED = (
    "Rating session for {year} stopped. Organisations rated: {count}; their ratings stay saved "
    "(an answer left half-typed was not saved)"
)

# --- labels shown in tables ---------------------------------------------------------------
STATUS_ACTIVE = "active"
STATUS_DISSOLVED = "dissolved"
NONE_FOUND = "No organisations match."
TABLE_CUT = "Showing the first {shown} of {total}: narrow it ({narrow}), or use --format csv for every row."

# Column headers of people's tables, by field.
HEADERS = {
    "code": "Code",
    "name": "Name",
    "kind": "Kind",
    "district": "District",
    "commune": "Commune",
    "sector": "Sector",
    "founded": "Founded",
    "dissolved": "Dissolved",
    "status": "Status",
    "members": "Members",
    "capital_vnd": "Capital",
    "representative": "Representative",
    "phone": "Phone",
    "products": "Products",
    "year": "Year",
    "grade": "Grade",
    "score": "Score",
    "note": "Note",
    "id": "#",
    "program": "Program",
    "date": "Date",
    "amount_vnd": "Amount",
    "quantity": "Qty",
    "unit": "Unit",
    "reference": "Reference",
    "organisation": "Organisation",
    "at": "When",
    "user": "Who",
    "command": "Command",
    "what": "What",
}
TITLE_RATINGS = "Ratings"
TITLE_SUPPORT = "Support received"
TITLE_LIST = "Organisations: {count}"
TITLE_SUPPORT_LIST = "Support records: {count}, total {amount}"
PROVINCE_WIDE = "toàn tỉnh"  # province-wide

# --- import and export --------------------------------------------------------------------
UNKNOWN_COLUMN = "is not a column of {table}.csv (columns: {columns})"
DUPLICATE_COLUMN = "appears twice in the header"
MISSING_COLUMN = "is a required column of {table}.csv"
EMPTY_FILE = "{file}: the file is empty; the first line must be a header: {columns}"
NOT_UTF8 = "{file}:{line}: the file is not UTF-8 ({detail}); save it as 'CSV UTF-8'"
TOO_MANY_CELLS = "row: has {found} cells, the header has {expected}"
BAD_CSV = "{file}:{line}: not valid CSV ({detail})"
CELL_TOO_LONG = "{file}:{line}: a cell is longer than {limit} characters"
IMPORT_COUNTS = "{table}: {new} new, {changed} changed, {unchanged} unchanged"
IMPORT_REJECTED = ", {rejected} rejected (written to {rejects})"
IMPORT_DRY_RUN = " (dry run: nothing written)"
IMPORT_FAILED = "{file}: rows with errors: {count}; nothing was imported"
MORE_ERRORS = "… and {count} more errors"
MORE_WARNINGS = "… and {count} more warnings"
IMPORTING = "importing"
IMPORT_INTERRUPTED = "Interrupted: nothing was imported"
READING_KEYBOARD = (
    "Reading CSV from the keyboard: type or paste the rows, header first, then press Ctrl-D on a line of "
    "its own (Ctrl-Z then Enter on Windows); Ctrl-C cancels"
)
CANNOT_READ = "{file}: cannot read ({detail})"
# Warnings of an import: the rows are imported all the same.
IMPORT_WARNING = "{file}:{line}: warning: {problems}"
IMPORT_UNPADDED_CODE = (
    "code: {code!r} equals the registered {near} once leading zeros are ignored (a spreadsheet drops them), "
    "perhaps the same organisation"
)
IMPORT_SAME_NAME = "name: " + SAME_NAME
IMPORT_WARNED = "{file}: rows with warnings: {count} (a warning does not stop the import)"
IMPORT_DISTRICT_RESPELLED = (
    "{file}: warning: district {given!r} is stored as {stored!r}; using {stored!r} (rows: {count})"
)

# --- the yearly report --------------------------------------------------------------------
REPORT_TITLE = "Collective economy, {years}"
REPORT_TITLE_DISTRICT = "Collective economy, {years} — {district}"
REPORT_ORGANISATIONS = "Organisations at the end of {year}"
REPORT_RATINGS = "Ratings {year}"
REPORT_RATED = "{rated} rated, {unrated} unrated"
REPORT_SUPPORT = "Support {year}"
REPORT_NO_SUPPORT = "No support recorded in {year}."
REPORT_NEW_MODEL = "New-model cooperatives supported in {year}"
REPORT_MORE_NAMED = "… and {count} more (all of them in --format json or csv)"
REPORT_DISTRICTS = "Districts at the end of {year}"
REPORT_FIGURES = "Figures"
REPORT_SECTION_ORGANISATIONS = "Organisations at year end"
REPORT_SECTION_RATINGS = "Ratings"
REPORT_SECTION_SUPPORT = "Support"
REPORT_SECTION_DISTRICTS = "Districts at year end"
REPORT_TOTAL = "Total"
REPORT_NO_DISTRICT = "(no district)"
REPORT_CHANGE = "±"
REPORT_CHANGE_SINCE = "± {year}"
REPORT_BAND = "Band"
REPORT_COUNT = "Count"
REPORT_SHARE = "Share"
REPORT_SHARE_OF = "{label} %"
REPORT_RATED_ROW = "Rated"
REPORT_UNRATED_ROW = "Unrated"
REPORT_RECORDS = "Records"
REPORT_ORGANISATIONS_COUNT = "Organisations"
REPORT_NEW = "New"
REPORT_ACTIVE = "Active"
REPORT_DISSOLVED = "Dissolved"
REPORT_METRIC = "{subject}: {metric}"
REPORT_WRITTEN = "Wrote {path}"
REPORT_FUTURE_YEAR = (
    "Warning: year: {years}: after the current year ({current}); its figures are only what is recorded so far"
)
BAD_OUTPUT_SUFFIX = "has no known extension (.json, .csv, .md or .txt); or give --format"
CANNOT_WRITE = "cannot be written ({detail})"
# Every file htx writes (services/output.py): never over the registry, a database, an input or a folder.
OUTPUT_IS_DATABASE = "is a database; htx never writes over one (choose another file name)"
OUTPUT_IS_REGISTRY = "is the registry itself; htx never writes over it (choose another file name)"
OUTPUT_IS_INPUT = "is the file being read; write to another file (or - for stdout)"
OUTPUT_IS_FOLDER = "is a folder; give a file name inside it"
OUTPUT_PARENT_NOT_FOLDER = "is inside something that is not a folder"

# --- history and undo ---------------------------------------------------------------------
TITLE_HISTORY = "History, newest first"
HISTORY_EMPTY = "No changes recorded yet."
HISTORY_CUT = "Showing the newest {shown} of {total} changes; use --limit for more, or --format json for all"
HISTORY_IMPORT = "{file}: {new} new, {changed} changed, {unchanged} unchanged"
HISTORY_UNDO = "reverted #{id} ({command})"
HISTORY_UNDONE = "(undone by #{id})"
HISTORY_HEADLINES = {
    "add": "{code} {name}",
    "edit": "{code}: {fields}",
    "dissolve": "{code} dissolved on {dissolved}",
    "reinstate": "{code} reinstated",
    "rate": "{code} {year}: {grade}",
    "support add": "{program} {date} for {code}",
}
MORE_CHANGES = "… and {count} more changes (see --format json)"
UNDO_TARGET = "Undo #{id} {command}, {at} by {user}:"
UNDO_QUESTION = "Undo it?"
UNDO_DECLINED = "Nothing undone."
UNDO_NOT_CONFIRMED = "undo: not confirmed; run it at a terminal to be asked, or add --yes"
UNDO_SOMEONE_ELSES = "#{id} is {user}'s change, not yours ({me})."
UNDO_THEIRS_QUESTION = "Undo {user}'s change all the same?"
# After an undo: what was reverted, then what that did, as a sentence.
UNDONE = "Undid #{id} ({what}): {effect}"
UNDONE_EFFECTS = {
    "add": "{code} {name} was removed from the registry",
    "edit": "{code} has its earlier values again: {values}",
    "dissolve": "{code} is no longer recorded as dissolved",
    "reinstate": "{code} is recorded as dissolved on {dissolved} again",
    "rate": "the rating {grade} was restored",
    "rate new": "the rating was removed",
    "support add": "support #{id} was removed",
}
UNDONE_REMOVED = "removed {rows} it added"
UNDONE_RESTORED = "restored {rows} it changed"
UNDONE_AND = " and "
UNDONE_SCORE = "{grade} (score {score})"
UNDONE_NOTHING = "nothing left to revert"
UNDONE_NO_VALUE = "(none)"
# Counted rows: one, many.
ROWS = {
    "organisation": ("{count} organisation", "{count} organisations"),
    "rating": ("{count} rating", "{count} ratings"),
    "support": ("{count} support record", "{count} support records"),
}

# --- db check and db backup ---------------------------------------------------------------
CHECKS = {
    "CHECK_INTEGRITY": "integrity: {detail}",
    "CHECK_FOREIGN_KEY": "foreign key: {table} row {rowid} points to a missing {parent}",
    "CHECK_RATING_OUTSIDE_LIFE": (
        "rating: {code} is rated for {year}, outside its life (founded {founded}, dissolved {dissolved})"
    ),
    "CHECK_SUPPORT_BEFORE_FOUNDED": "support #{id}: dated {date}, before {code} was founded ({founded})",
    "CHECK_SUPPORT_AFTER_DISSOLVED": "support #{id}: dated {date}, after {code} was dissolved ({dissolved})",
    "CHECK_SHARED_NAME": "name: the same name once accents and case are ignored: {organisations}",
    "CHECK_GRADE_SCORE": "grade: {code} {year} is graded {grade} but its score {score} earns {expected}",
    "CHECK_IMPLAUSIBLE_DATE": "date: {what} is {date}, before 1900 or later than today",
    "CHECK_DISTRICT_SPELLINGS": (
        "district: one district spelled {count} ways once accents and case are ignored "
        "(organisations of each): {spellings}"
    ),
}
CHECK_CLEAN = "No problems found in {path}"
CHECK_FOUND = "Problems found in {path}: {count}"
BACKUP_WRITTEN = "Backed up {path} to {backup} ({size})"
BACKUP_EXISTS = "already exists; choose a new name or remove it first"
BACKUP_SERVER = (
    "database: {url} is a server database; back it up with the server's tools (pg_dump for PostgreSQL)"
)
NO_SUCH_FOLDER = "is in a folder that does not exist"
COPY_TARGET_NOT_EMPTY = "database: {url} already holds a registry; db copy fills only an empty database"
COPY_MISMATCH = "copy: the two sides differ after copying (expected {expected}, found {found})"
COPY_DONE = (
    "Copied to {url}: {organisations} organisations, {ratings} ratings, {support} support records, "
    "{history} history entries; counts and sums match"
)
COPYING = "copying"
BACKUP_SAME_FILE = "is the database itself"

# Reading a large file ahead, in a second process (services/readahead.py)
READER_STOPPED = "the process reading the file stopped unexpectedly; nothing was written"
READER_FAILED = "reading the file failed: {detail}; nothing was written"
