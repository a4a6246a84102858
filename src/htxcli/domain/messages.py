"""Every sentence htx shows a person, in one place, in English: the message ids of the catalogs.

Each constant is marked N_() for tools/catalog.py and read as `messages.NAME` anywhere in htx, which
gives it in the language chosen for this run (see the end of this module, and domain/i18n.py).
Problems complete the sentence "FIELD: 'VALUE' …"; the CLI prefixes "Error: ".
"""

from __future__ import annotations

from typing import Any

from htxcli.domain.i18n import N_, translated

# --- problems with one value --------------------------------------------------------------
NOT_A_DATE = N_("is not a date (use YYYY-MM-DD or DD/MM/YYYY)")
NOT_AN_INTEGER = N_("is not a whole number")
NEGATIVE = N_("must not be negative")
TOO_LARGE = N_("must not be more than {limit}")
NOT_MONEY = N_(
    "is not an amount of đồng (use 1600000000, 1.600.000.000, '1,6 tỷ', '350 triệu' or '1 tỷ 500 triệu')"
)
AMBIGUOUS_MONEY = N_("is ambiguous: write whole đồng such as 1.500.000 or '1,5 triệu'")
FRACTION_OF_DONG = N_("is not a whole number of đồng")
NOT_IN_VOCABULARY = N_("is not one of: {choices}")
SCORE_RANGE = N_("must be between 0 and 100")
YEAR_IN_FUTURE = N_("is after the current year ({current}); a year is rated once it has begun")
YEAR_RANGE = N_("is not a year between 1900 and 2100")
YEARS_BACKWARDS = N_("ends before it starts (write FIRST..LAST, e.g. 2016..2020)")
YEARS_TOO_MANY = N_("spans more than {limit} years")
GRADE_CONTRADICTS_SCORE = N_("contradicts score {score} (which is {expected})")
DISSOLVED_BEFORE_FOUNDED = N_("is before the founding date {founded}")
FOUNDED_AFTER_DISSOLVED = N_("is after the dissolution date {dissolved}")
YEAR_BEFORE_FOUNDED = N_("is before the founding year {founded}")
YEAR_AFTER_DISSOLVED = N_("is after the year of dissolution {dissolved}")
SUPPORT_BEFORE_FOUNDED = N_("is before {code} was founded ({founded})")
SUPPORT_AFTER_DISSOLVED = N_("is after {code} was dissolved ({dissolved})")
WARNING = N_("Warning: {problem}; recorded all the same")
SAME_NAME = N_(
    "the same name (accents and case aside) is registered to {codes}, perhaps the same organisation"
)
REQUIRED = N_("is required")
EMPTY_TEXT = N_("must not be empty")
CONTROL_CHARACTERS = N_("contains control characters")
TOO_LONG = N_("is longer than {limit} characters")
CODE_SPACES = N_("must not contain spaces")
CODE_CHARACTERS = N_(
    "must be letters, digits and - . / _, starting with a letter or digit (e.g. 4700257731, THT-07)"
)
MONEY_TOO_LARGE = N_("is larger than {limit} đồng, the most htx can hold")
MONEY_PARTS = N_(
    "is not an amount: its units must go down (tỷ, triệu, nghìn), each once and each part less than "
    "one of the unit before, e.g. '1 tỷ 500 triệu'"
)
DATE_IN_FUTURE = N_("is later than today ({today}); record it once it has happened")
# Warnings: values recorded all the same, each a likely typo.
IMPLAUSIBLE_CAPITAL = N_(
    "is more than {limit} tỷ đồng, more than any cooperative's capital (a digit too many?)"
)
CREDIT_WITHOUT_AMOUNT = N_("has neither an amount nor a quantity (so 0 đồng, quantity 1)")
# One district typed two ways ('BA BỂ', 'Ba Bể') would be two rows of the report.
DISTRICT_RESPELLED = N_("Warning: district {given!r} is stored as {stored!r}; using {stored!r}")

# --- problems with records ----------------------------------------------------------------
UNKNOWN_CODE = N_("code: {code!r} is not in the registry (see 'htx list' or 'htx search')")
CODE_TAKEN = N_("code: {code!r} is already registered, to {name!r}")
REFERENCE_TAKEN = N_("reference: {reference!r} is already recorded (support #{id})")
ALREADY_DISSOLVED = N_("{code} was already dissolved on {date}")
NOT_DISSOLVED = N_("{code} is not dissolved")
NOTHING_TO_CHANGE = N_("nothing to change: give at least one field, e.g. --name or --members")
MISSING_FIELDS = N_("missing {fields} (give them as options: {options})")
UNKNOWN_DISTRICT = N_("is not a district of the registry (districts: {districts})")
NOTHING_TO_UNDO = N_("nothing to undo: every change in the history is already undone")
UNDO_MOVED = N_("the newest change is now #{found}, not #{expected}: someone else wrote; run htx undo again")
UNDO_NO_SUCH_ENTRY = N_("entry: #{id} is not in the history (htx history shows the numbers)")
UNDO_AN_UNDO = N_("entry: #{id} is an undo (of #{of}); an undo is not undone: make the change again instead")
UNDO_ALREADY_UNDONE = N_("entry: #{id} was already undone, by #{by}")
UNDO_LATER_CHANGES = N_(
    "entry: #{id} cannot be undone on its own: later changes touched the same records ({later}); "
    "undo those first, newest first (htx undo {last})"
)
NOT_AN_ENTRY = N_("is not an entry number (htx history shows them, e.g. 24 or #24)")
NO_SUCH_SUPPORT = N_("support #{id} is not in the registry")
RATE_NEEDS_CODE = N_(
    "code: missing; give CODE YEAR GRADE (e.g. htx rate 4700284512 2024 khá), or --year YEAR alone at a "
    "terminal to rate one organisation after another"
)
RATE_NEEDS_YEAR = N_("year: missing; give it after the code (e.g. htx rate {code} 2024 khá) or as --year")
RATE_NEEDS_GRADE = N_("grade: missing; give one after the year (e.g. htx rate {code} {year} khá) or --score")
RATE_YEAR_TWICE = N_("year: given twice ({first!r} and --year {second}); give it once")
RATE_SESSION_NEEDS_TERMINAL = N_(
    "code: missing; without a CODE, htx rate --year asks for codes and grades, which needs a terminal: "
    "run it at one, or give CODE GRADE"
)
RATE_SESSION_OPTIONS = N_(
    "--score and --note go with a CODE; in a rating session, type the score at the prompt"
)
# htx show NAME: pointed to htx search; {query} is the text quoted for the shell.
SHOW_NOT_A_CODE = N_("code: {text!r} is not a code; to find an organisation by name: htx search {query}")
SHOW_SEARCH_FINDS = N_(" (it finds {count})")
SHOW_SEARCH_FINDS_NONE = N_(" (it finds none; htx list shows every organisation)")
SHOW_AS_A_NAME = N_("; as a name, htx search {query} finds {count}")
UNKNOWN_CODE_NEAR = N_("code: {code!r} is not in the registry; did you mean {near}?")

# --- the database -------------------------------------------------------------------------
DB_NOT_A_DATABASE_FILE = N_(
    "database: {path} is not a registry but another kind of file (text, a spreadsheet…); "
    "check --db or $HTX_DB"
)
DB_EMPTY_FILE = N_(
    "database: {path} is an empty file, not a registry; check --db, or to start a registry there, "
    "give it a name ending in .db"
)
DB_NAMED_AS_DOCUMENT = N_(
    "database: {path} does not exist, and its name is a document's, not a registry's; check --db "
    "(a new registry's name ends in .db)"
)
DB_CREATED = N_("Created a new registry at {path}; back it up now and then with: htx db backup FILE")
DB_NOT_SQLITE = N_("database: {path} is not an htx registry or not a SQLite file ({detail})")
DB_CANNOT_OPEN = N_("database: cannot open {path} ({detail})")
DB_PARENT_NOT_FOLDER = N_("{parent} is a file, not a folder")
DB_IS_FOLDER = N_("it is a folder, not a file")
DB_READ_ONLY_FILE = N_("the file is read-only; htx needs to write to it")
DB_READ_ONLY_FOLDER = N_(
    "the folder {folder} is read-only; SQLite writes its journal files beside the database"
)
DB_NEWER_SCHEMA = N_(
    "database: {path} has schema revision {found}, newer than this htx knows ({head}); upgrade htx"
)
DB_BACKUP_WRITTEN = N_("Backed up {path} to {backup} before upgrading its schema")
DB_UPGRADED = N_("Schema of {path} is at revision {revision}")
DB_MISSING = N_(
    "database: {path} does not exist (check --db or $HTX_DB); htx add, htx import or htx db upgrade create it"
)
# What a user can do about the database errors SQLite reports tersely. Every write is one transaction,
# so a failed command has changed nothing.
DB_FAILED = N_("database: {detail}")  # what the database itself said, in its own words
DB_HINTS = {
    "disk I/O error": N_("is the disk full or disconnected? Nothing was changed"),
    "database or disk is full": N_("free some disk space; nothing was changed"),
    "database is locked": N_("another program kept it busy too long; try again, nothing was changed"),
    "lock timeout": N_("another clerk's command kept it busy too long; try again, nothing was changed"),
    "malformed": N_("restore it from a backup (htx db backup makes one)"),
}
DB_UNKNOWN_DRIVER = N_("database: no driver for {url!r}; {hint}")
DB_IN_MEMORY = N_("database: {url!r} is a database in memory, forgotten when htx exits; give a file")
DB_SQLITE_URL_OPTIONS = N_(
    "database: {url!r}: htx opens SQLite files its own way; give the file's path without options"
)
DB_URL_WITHOUT_SLASHES = N_(
    "database: {value!r} looks like a server URL without the '//' after '{scheme}:'; "
    "write it as {scheme}://user@host/database"
)

# A field the clerk did not name as an option (an argument, a stored value), as an error names it.
FIELD_NAMES = {
    "code": N_("code"),
    "name": N_("name"),
    "year": N_("year"),
    "grade": N_("grade"),
    "score": N_("score"),
    "program": N_("program"),
    "date": N_("date"),
    "kind": N_("kind"),
    "sector": N_("sector"),
    "district": N_("district"),
    "founded": N_("founded"),
    "dissolved": N_("dissolved"),
    "entry": N_("entry"),
}
# The tables of the history's details ("organisation 4700284512: members: 12 → 15").
TABLE_NAMES = {"organisation": N_("organisation"), "rating": N_("rating"), "support": N_("support record")}
NO_CHANGE = N_("no change")

# --- confirmations on stderr --------------------------------------------------------------
ADDED = N_("Added {code} {name}")
EDITED = N_("Updated {code}: {fields}")
DISSOLVED = N_("Recorded {code} as dissolved on {date}")
REINSTATED = N_("Reinstated {code}")
RATED = N_("Rated {code} for {year}: {grade}")
RATED_AGAIN = N_("Replaced the {year} rating of {code}: {old} -> {grade}")
GRADE_WITH_SCORE = N_("{grade} ({score} points)")
SUPPORT_ADDED = N_("Recorded support #{id}: {program}, {date}")

# --- questions at a terminal (cli/prompts.py) --------------------------------------------
PROMPT_PROBLEM = N_("Not accepted: {problem}")
PROMPT_REQUIRED = N_("an answer is required")
# `htx add` asks for each field not given as an option, showing the form it takes.
ADD_PROMPTS = {
    "name": N_("Name (e.g. HTX Nông nghiệp Tân Thành)"),
    "code": N_("Code (registration or tax code, e.g. 4700284512)"),
    "kind": N_("Kind ({choices}, or HTX, THT, LHTX, QTDND; Enter for cooperative)"),
    "district": N_("District (huyện; Enter to skip)"),
    "commune": N_("Commune (xã, phường; Enter to skip)"),
    "sector": N_("Sector ({choices}, or nông nghiệp, thương mại…; Enter to skip)"),
    "founded": N_("Founding date (DD/MM/YYYY)"),
    "members": N_("Members (a whole number; Enter to skip)"),
    "capital_vnd": N_("Capital in đồng (e.g. 1,5 tỷ or 350 triệu; Enter to skip)"),
}
ADD_ABANDONED = N_("Stopped: nothing was added.")
# `htx rate --year YEAR` without a code: a rating session.
SESSION_START = N_(
    "Rating {year}: type a code, then its grade ({grades}, or tốt, khá, trung bình, yếu, chưa xếp loại) "
    "or a score from 0 to 100. Each rating is saved at once; an empty code ends."
)
PROMPT_RATING_CODE = N_("Code (Enter to finish)")
PROMPT_RATING_GRADE = N_("Grade or score for {code} {name} (Enter to skip)")
SESSION_CURRENT = N_("{code} is rated {grade} for {year} so far; a new grade replaces it")
SESSION_SKIPPED = N_("Skipped {code}: nothing saved")
SESSION_SUMMARY = N_("Rating session for {year} ended. Organisations rated: {count}")
SESSION_STOPPED = N_(
    "Rating session for {year} stopped. Organisations rated: {count}; their ratings stay saved "
    "(an answer left half-typed was not saved)"
)

# --- labels shown in tables ---------------------------------------------------------------
STATUS_ACTIVE = N_("active")
STATUS_DISSOLVED = N_("dissolved")
NONE_FOUND = N_("No organisations match.")
TABLE_CUT = N_(
    "Showing the first {shown} of {total}: narrow it ({narrow}), or use --format csv for every row."
)

# Column headers of people's tables, by field.
HEADERS = {
    "code": N_("Code"),
    "name": N_("Name"),
    "kind": N_("Kind"),
    "district": N_("District"),
    "commune": N_("Commune"),
    "sector": N_("Sector"),
    "founded": N_("Founded"),
    "dissolved": N_("Dissolved"),
    "status": N_("Status"),
    "members": N_("Members"),
    "capital_vnd": N_("Capital"),
    "representative": N_("Representative"),
    "phone": N_("Phone"),
    "products": N_("Products"),
    "year": N_("Year"),
    "grade": N_("Grade"),
    "score": N_("Score"),
    "note": N_("Note"),
    "id": N_("#"),
    "program": N_("Program"),
    "date": N_("Date"),
    "amount_vnd": N_("Amount"),
    "quantity": N_("Qty"),
    "unit": N_("Unit"),
    "reference": N_("Reference"),
    "organisation": N_("Organisation"),
    "at": N_("When"),
    "user": N_("Who"),
    "command": N_("Command"),
    "what": N_("What"),
}
TITLE_RATINGS = N_("Ratings")
TITLE_SUPPORT = N_("Support received")
TITLE_LIST = N_("Organisations: {count}")
TITLE_SUPPORT_LIST = N_("Support records: {count}, total {amount}")
PROVINCE_WIDE = N_("toàn tỉnh")  # province-wide

# --- import and export --------------------------------------------------------------------
UNKNOWN_COLUMN = N_("is not a column of {table}.csv (columns: {columns})")
DUPLICATE_COLUMN = N_("appears twice in the header")
MISSING_COLUMN = N_("is a required column of {table}.csv")
EMPTY_FILE = N_("{file}: the file is empty; the first line must be a header: {columns}")
NOT_UTF8 = N_("{file}:{line}: the file is not UTF-8 ({detail}); save it as 'CSV UTF-8'")
TOO_MANY_CELLS = N_("row: has {found} cells, the header has {expected}")
BAD_CSV = N_("{file}:{line}: not valid CSV ({detail})")
CELL_TOO_LONG = N_("{file}:{line}: a cell is longer than {limit} characters")
# What an import's counts are of, by the file imported; and stdout, where `-` sends rows.
IMPORTED_FILES = {"cooperatives": N_("cooperatives"), "ratings": N_("ratings"), "support": N_("support")}
STDOUT = N_("stdout")
IMPORT_COUNTS = N_("{table}: {new} new, {changed} changed, {unchanged} unchanged")
IMPORT_REJECTED = N_(", {rejected} rejected (written to {rejects})")
IMPORT_DRY_RUN = N_(" (dry run: nothing written)")
IMPORT_FAILED = N_("{file}: rows with errors: {count}; nothing was imported")
MORE_ERRORS = N_("… and {count} more errors")
MORE_WARNINGS = N_("… and {count} more warnings")
IMPORTING = N_("importing")
IMPORT_INTERRUPTED = N_("Interrupted: nothing was imported")
READING_KEYBOARD = N_(
    "Reading CSV from the keyboard: type or paste the rows, header first, then press Ctrl-D on a line of "
    "its own (Ctrl-Z then Enter on Windows); Ctrl-C cancels"
)
CANNOT_READ = N_("{file}: cannot read ({detail})")
# Warnings of an import: the rows are imported all the same.
IMPORT_WARNING = N_("{file}:{line}: warning: {problems}")
IMPORT_UNPADDED_CODE = N_(
    "code: {code!r} equals the registered {near} once leading zeros are ignored (a spreadsheet drops them), "
    "perhaps the same organisation"
)
IMPORT_SAME_NAME = N_(
    "name: the same name (accents and case aside) is registered to {codes}, perhaps the same organisation"
)
IMPORT_WARNED = N_("{file}: rows with warnings: {count} (a warning does not stop the import)")
IMPORT_DISTRICT_RESPELLED = N_(
    "{file}: warning: district {given!r} is stored as {stored!r}; using {stored!r} (rows: {count})"
)

# --- the yearly report --------------------------------------------------------------------
REPORT_TITLE = N_("Collective economy, {years}")
REPORT_TITLE_DISTRICT = N_("Collective economy, {years} — {district}")
REPORT_ORGANISATIONS = N_("Organisations at the end of {year}")
REPORT_RATINGS = N_("Ratings {year}")
REPORT_RATED = N_("{rated} rated, {unrated} unrated")
REPORT_SUPPORT = N_("Support {year}")
REPORT_NO_SUPPORT = N_("No support recorded in {year}.")
REPORT_NEW_MODEL = N_("New-model cooperatives supported in {year}")
REPORT_MORE_NAMED = N_("… and {count} more (all of them in --format json or csv)")
REPORT_DISTRICTS = N_("Districts at the end of {year}")
REPORT_FIGURES = N_("Figures")
REPORT_SECTION_ORGANISATIONS = N_("Organisations at year end")
REPORT_SECTION_RATINGS = N_("Ratings")
REPORT_SECTION_SUPPORT = N_("Support")
REPORT_SECTION_DISTRICTS = N_("Districts at year end")
REPORT_TOTAL = N_("Total")
REPORT_NO_DISTRICT = N_("(no district)")
REPORT_CHANGE = N_("±")
REPORT_CHANGE_SINCE = N_("± {year}")
REPORT_BAND = N_("Band")
REPORT_COUNT = N_("Count")
REPORT_SHARE = N_("Share")
REPORT_SHARE_OF = N_("{label} %")
REPORT_RATED_ROW = N_("Rated")
REPORT_UNRATED_ROW = N_("Unrated")
REPORT_RECORDS = N_("Records")
REPORT_ORGANISATIONS_COUNT = N_("Organisations")
REPORT_NEW = N_("New")
REPORT_ACTIVE = N_("Active")
REPORT_DISSOLVED = N_("Dissolved")
REPORT_METRIC = N_("{subject}: {metric}")
REPORT_WRITTEN = N_("Wrote {path}")
REPORT_FUTURE_YEAR = N_(
    "Warning: year: {years}: after the current year ({current}); its figures are only what is recorded so far"
)
BAD_OUTPUT_SUFFIX = N_("has no known extension (.json, .csv, .md or .txt); or give --format")
CANNOT_WRITE = N_("cannot be written ({detail})")
# Every file htx writes (services/output.py): never over the registry, a database, an input or a folder.
OUTPUT_IS_DATABASE = N_("is a database; htx never writes over one (choose another file name)")
OUTPUT_IS_REGISTRY = N_("is the registry itself; htx never writes over it (choose another file name)")
OUTPUT_IS_INPUT = N_("is the file being read; write to another file (or - for stdout)")
OUTPUT_IS_FOLDER = N_("is a folder; give a file name inside it")
OUTPUT_PARENT_NOT_FOLDER = N_("is inside something that is not a folder")

# --- history and undo ---------------------------------------------------------------------
TITLE_HISTORY = N_("History, newest first")
HISTORY_EMPTY = N_("No changes recorded yet.")
HISTORY_CUT = N_(
    "Showing the newest {shown} of {total} changes; use --limit for more, or --format json for all"
)
HISTORY_IMPORT = N_("{file}: {new} new, {changed} changed, {unchanged} unchanged")
HISTORY_UNDO = N_("reverted #{id} ({command})")
HISTORY_UNDONE = N_("(undone by #{id})")
HISTORY_HEADLINES = {
    "add": N_("{code} {name}"),
    "edit": N_("{code}: {fields}"),
    "dissolve": N_("{code} dissolved on {dissolved}"),
    "reinstate": N_("{code} reinstated"),
    "rate": N_("{code} {year}: {grade}"),
    "support add": N_("{program} {date} for {code}"),
}
MORE_CHANGES = N_("… and {count} more changes (see --format json)")
UNDO_TARGET = N_("Undo #{id} {command}, {at} by {user}:")
UNDO_QUESTION = N_("Undo it?")
# A yes-or-no question: the choices shown after it, and what a clerk is told when the answer is neither.
YES_NO_CHOICES = N_("[y/N]")
PROMPT_YES_NO = N_("answer y (yes) or n (no)")
UNDO_DECLINED = N_("Nothing undone.")
UNDO_NOT_CONFIRMED = N_("undo: not confirmed; run it at a terminal to be asked, or add --yes")
UNDO_SOMEONE_ELSES = N_("#{id} is {user}'s change, not yours ({me}).")
UNDO_THEIRS_QUESTION = N_("Undo {user}'s change all the same?")
# After an undo: what was reverted, then what that did, as a sentence.
UNDONE = N_("Undid #{id} ({what}): {effect}")
UNDONE_EFFECTS = {
    "add": N_("{code} {name} was removed from the registry"),
    "edit": N_("{code} has its earlier values again: {values}"),
    "dissolve": N_("{code} is no longer recorded as dissolved"),
    "reinstate": N_("{code} is recorded as dissolved on {dissolved} again"),
    "rate": N_("the rating {grade} was restored"),
    "rate new": N_("the rating was removed"),
    "support add": N_("support #{id} was removed"),
}
UNDONE_REMOVED = N_("removed {rows} it added")
UNDONE_RESTORED = N_("restored {rows} it changed")
UNDONE_AND = N_(" and ")
UNDONE_SCORE = N_("{grade} (score {score})")
UNDONE_NOTHING = N_("nothing left to revert")
UNDONE_NO_VALUE = N_("(none)")
# Counted rows: one, many.
ROWS = {
    "organisation": (N_("{count} organisation"), N_("{count} organisations")),
    "rating": (N_("{count} rating"), N_("{count} ratings")),
    "support": (N_("{count} support record"), N_("{count} support records")),
}

# --- db check and db backup ---------------------------------------------------------------
CHECKS = {
    "CHECK_INTEGRITY": N_("integrity: {detail}"),
    "CHECK_FOREIGN_KEY": N_("foreign key: {table} row {rowid} points to a missing {parent}"),
    "CHECK_RATING_OUTSIDE_LIFE": (
        N_("rating: {code} is rated for {year}, outside its life (founded {founded}, dissolved {dissolved})")
    ),
    "CHECK_SUPPORT_BEFORE_FOUNDED": N_("support #{id}: dated {date}, before {code} was founded ({founded})"),
    "CHECK_SUPPORT_AFTER_DISSOLVED": N_(
        "support #{id}: dated {date}, after {code} was dissolved ({dissolved})"
    ),
    "CHECK_SHARED_NAME": N_("name: the same name once accents and case are ignored: {organisations}"),
    "CHECK_GRADE_SCORE": N_("grade: {code} {year} is graded {grade} but its score {score} earns {expected}"),
    "CHECK_IMPLAUSIBLE_DATE": N_("date: {what} is {date}, before 1900 or later than today"),
    "CHECK_DISTRICT_SPELLINGS": (
        N_(
            "district: one district spelled {count} ways once accents and case are ignored "
            "(organisations of each): {spellings}"
        )
    ),
}
# db status, for people (its JSON keeps these keys).
STATUS_LABELS = {  # English as the keys, which scripts reading this table may know
    "location": N_("location"),
    "backend": N_("backend"),
    "revision": N_("revision"),
    "newest_revision": N_("newest_revision"),
    "organisations": N_("organisations"),
    "ratings": N_("ratings"),
    "support": N_("support"),
    "history": N_("history"),
}
CHECK_CLEAN = N_("No problems found in {path}")
CHECK_FOUND = N_("Problems found in {path}: {count}")
BACKUP_WRITTEN = N_("Backed up {path} to {backup} ({size})")
BACKUP_EXISTS = N_("already exists; choose a new name or remove it first")
BACKUP_SERVER = N_(
    "database: {url} is a server database; back it up with the server's tools (pg_dump for PostgreSQL)"
)
NO_SUCH_FOLDER = N_("is in a folder that does not exist")
COPY_TARGET_NOT_EMPTY = N_("database: {url} already holds a registry; db copy fills only an empty database")
COPY_MISMATCH = N_("copy: the two sides differ after copying (expected {expected}, found {found})")
COPY_DONE = N_(
    "Copied to {url}: {organisations} organisations, {ratings} ratings, {support} support records, "
    "{history} history entries; counts and sums match"
)
COPYING = N_("copying")
BACKUP_SAME_FILE = N_("is the database itself")

# Reading a large file ahead, in a second process (services/readahead.py)
READER_STOPPED = N_("the process reading the file stopped unexpectedly; nothing was written")
READER_FAILED = N_("reading the file failed: {detail}; nothing was written")


# --- spreadsheets in and out: xlsx, Vietnamese headers, title and totals rows (issue 18) -------------
ACCEPTED_HEADERS = N_("also accepted: {names}")
HEADER_UNIT_NOT_DONG = N_("amounts are read in đồng, and this column is in {unit!r}: convert it to đồng")
TOTALS_ROW_SKIPPED = N_("{where}: the totals row {label!r} was skipped")
NOT_A_WORKBOOK = N_("{file}: not an Excel workbook that can be read ({detail})")
NO_SUCH_SHEET = N_("is not a sheet of {file} (sheets: {sheets})")
EMPTY_SHEET = N_("{file}: sheet {sheet!r} has no header row; its header must name the columns: {columns}")
XLS_NOT_READ = N_("{file}: an old Excel workbook (.xls); open it in Excel and save it as .xlsx")
SHEET_OF_CSV = N_("only a workbook (.xlsx) has sheets; this file is CSV")
REQUIRED_FOR_NEW = N_("is required for a new organisation ({code!r} is not registered)")
CODE_SCIENTIFIC = N_(
    "was shown by Excel in scientific notation, which lost its digits: format the column as Text and "
    "type the codes again"
)
EXPORT_NEEDS_OUTPUT = N_("an xlsx workbook is written to a file: give -o FILE.xlsx")
HEADERS_OF_JSON = N_("applies to csv and xlsx; JSON keys are always the contract's")

# The constants above are English message ids. They leave the module's namespace here, so that reading
# one (messages.NAME, or `from htxcli.domain.messages import NAME` inside a function) goes through
# __getattr__ and comes back in the language of this run, chosen after this module was imported.
# Type checkers still see each constant, with its type, above.
_ENGLISH: dict[str, Any] = {name: value for name, value in globals().items() if name.isupper()}
for _name in _ENGLISH:
    del globals()[_name]


def __getattr__(name: str) -> Any:
    try:
        return translated(_ENGLISH[name])
    except KeyError:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None


def english(name: str) -> Any:
    """A message as written in the code, whatever the language: for tests and the catalog tools."""
    return _ENGLISH[name]
