"""Every sentence htx shows a person, in one place, in English: the message ids of the catalogs.

Each constant is marked N_() for tools/catalog.py and read as `messages.NAME` anywhere in htx, which
gives it in the language chosen for this run (see the end of this module, and domain/i18n.py).
Problems complete the sentence "FIELD: 'VALUE' …"; the CLI prefixes "Error: ".
"""

from __future__ import annotations

from typing import Any

from htxcli.domain.i18n import N_, translated

# --- values: problems with one value, warnings, field and table names -----------------------------

# problems with one value
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
YEAR_AFTER_NEXT = N_("is after {latest}; a year is rated once it has begun")
YEAR_RANGE = N_("is not a year between 1900 and 2100")
YEARS_BACKWARDS = N_("ends before it starts (write FIRST..LAST, e.g. 2016..2020)")
YEARS_TOO_MANY = N_("spans more than {limit} years")
GRADE_CONTRADICTS_SCORE = N_("contradicts score {score} (which is {expected})")
DISSOLVED_BEFORE_FOUNDED = N_("is before the founding date {founded}")
FOUNDED_AFTER_DISSOLVED = N_("is after the dissolution date {dissolved}")
YEAR_BEFORE_FOUNDED = N_("is before the founding year {founded}")
YEAR_AFTER_DISSOLVED = N_("is after the year of dissolution {dissolved}")
# The same, when the registry's reporting years do not start on 1 January (htx settings period-start).
YEAR_BEFORE_FOUNDED_IN_PERIOD = N_("is before the reporting year {founded}, in which it was founded ({day})")
YEAR_AFTER_DISSOLVED_IN_PERIOD = N_(
    "is after the reporting year {dissolved}, in which it was dissolved ({day})"
)
RATING_OUTSIDE_LIFE = N_("would leave the {year} rating outside the organisation's life")
NOT_A_FIELD = N_("is not a field of an organisation")
NOT_A_FIGURES_FIELD = N_("is not a field of the yearly figures")
SUPPORT_BEFORE_FOUNDED = N_("is before {code} was founded ({founded})")
SUPPORT_AFTER_DISSOLVED = N_("is after {code} was dissolved ({dissolved})")
ENDING_BEFORE_SUPPORT = N_("is before support to {code} dated after it: {records}")
SUPPORT_TWIN = N_("an identical record already exists (#{id})")
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
CREDIT_WITHOUT_ORGANISATION = N_(
    "names no organisation (so province-wide); a loan is recorded for the organisation that borrows, "
    "by its code"
)
# One district typed two ways ('BA BỂ', 'Ba Bể') would be two rows of the report.
DISTRICT_RESPELLED = N_("Warning: district {given!r} is stored as {stored!r}; using {stored!r}")
# A field the clerk did not name as an option (an argument, a stored value), as an error names it.
# The other fields, for a message that names one the command took no option for (a stored value):
# English keeps the stored names, as the history does.
# Arguments named in errors (cli/common.py typed_name), and the settings' keys for people: in English
# the key a clerk types, in Vietnamese its name.
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
    "province": N_("province"),
    "commune": N_("commune"),
    "capital_vnd": N_("capital_vnd"),
    "members": N_("members"),
    "phone": N_("phone"),
    "representative": N_("representative"),
    "products": N_("products"),
    "new_province": N_("new_province"),
    "new_commune": N_("new_commune"),
    "new_address_from": N_("new_address_from"),
    "amount_vnd": N_("amount_vnd"),
    "quantity": N_("quantity"),
    "unit": N_("unit"),
    "reference": N_("reference"),
    "note": N_("note"),
    "status": N_("status"),
    "key": N_("setting"),
    "period-start": N_("period-start"),
    "office": N_("office"),
    "parent-body": N_("parent body"),
    "signer-title": N_("signer's title"),
    "signer": N_("signer"),
    "recipients": N_("recipients"),
    "indicator": N_("indicator"),
    "target": N_("target"),
    "area": N_("area"),
    "estimate": N_("estimate"),
}
# The placeholders of --help and of usage lines, in the clerk's language (cli/help.py): each word Click
# or Typer makes one of (a type, an argument's name), and the usage's own.
PLACEHOLDERS = {
    "TEXT": N_("TEXT"),
    "INTEGER": N_("INTEGER"),
    "FLOAT": N_("FLOAT"),
    "PATH": N_("PATH"),
    "PATH_OR_URL": N_("PATH_OR_URL"),
    "FILE": N_("FILE"),
    "CODE": N_("CODE"),
    "NAME": N_("NAME"),
    "YEAR": N_("YEAR"),
    "FIRST": N_("FIRST"),
    "LAST": N_("LAST"),
    "DATE": N_("DATE"),
    "DD": N_("DD"),
    "MM": N_("MM"),
    "AMOUNT": N_("AMOUNT"),
    "PROGRAM": N_("PROGRAM"),
    "TABLE": N_("TABLE"),
    "GRADE": N_("GRADE"),
    "STATUS": N_("STATUS"),
    "KEY": N_("KEY"),
    "VALUE": N_("VALUE"),
    "N": N_("N"),
    "NUMBER": N_("NUMBER"),  # a document's number: 768/BC-STC
    "INDICATOR": N_("INDICATOR"),  # a plan's: new-cooperatives, HTX thành lập mới …
    "TARGET": N_("TARGET"),
    "ESTIMATE": N_("ESTIMATE"),
    "DAY": N_("DAY"),  # report --as-of
    "PERIOD": N_("PERIOD"),  # of an amount: /tháng or /năm
    "YES": N_("YES"),
    "NO": N_("NO"),
    "[OPTIONS]": N_("[OPTIONS]"),
    "COMMAND [ARGS]...": N_("COMMAND [ARGS]..."),
}
# The tables of the history's details ("organisation 4700284512: members: 12 → 15").
TABLE_NAMES = {
    "organisation": N_("organisation"),
    "rating": N_("rating"),
    "support": N_("support record"),
    "legal_status": N_("status"),
    "setting": N_("setting"),
    "figures": N_("figures"),
    "issued_report": N_("issued report"),
    "plan": N_("plan"),
}
NO_CHANGE = N_("no change")
# The operating system's and the decoders' reasons a clerk meets most, in words (errors.reason_of):
# keyed by errno name, by UnicodeDecodeError's reason, by the csv module's message.
OS_REASONS = {
    "ENOENT": N_("no such file or folder"),
    "EACCES": N_("permission denied"),
    "EPERM": N_("permission denied"),
    "EISDIR": N_("it is a folder"),
    "ENOTDIR": N_("a part of the path is not a folder"),
    "ENOSPC": N_("the disk is full"),
    "EROFS": N_("the disk is read-only"),
    "EEXIST": N_("it exists already"),
    "EBUSY": N_("it is in use by another program"),
    "ENAMETOOLONG": N_("the name is too long"),
    "EINVAL": N_("the name is not valid here"),
}
DECODING_REASONS = {
    "invalid continuation byte": N_("a byte that no UTF-8 character has there"),
    "invalid start byte": N_("a byte that no UTF-8 character starts with"),
    "unexpected end of data": N_("the file ends inside a character"),
}
CSV_REASONS = {
    "unexpected end of data": N_('the file ends inside a quoted cell (a " is not closed)'),
    "new-line character seen in unquoted field": N_("a line break inside a cell that is not in quotes"),
}

# --- records: organisations, ratings, support; confirmations, questions, table labels -------------

# problems with records
UNKNOWN_CODE = N_("code: {code!r} is not in the registry (see 'htx list' or 'htx search')")
CODE_TAKEN = N_("code: {code!r} is already registered, to {name!r}")
REFERENCE_TAKEN = N_("reference: {reference!r} is already recorded (support #{id})")
ALREADY_DISSOLVED = N_("{code} was already dissolved on {date}")
NOT_DISSOLVED = N_("{code} is not dissolved")
NOTHING_TO_CHANGE = N_("nothing to change: give at least one field, e.g. --name or --members")
MISSING_FIELDS = N_("missing {fields} (give them as options: {options})")
UNKNOWN_DISTRICT = N_("is not a district of the registry (districts: {districts})")
NONE_YET = N_("none yet")
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

# confirmations on stderr
ADDED = N_("Added {code} {name}")
EDITED = N_("Updated {code}: {fields}")
# What an edit changed, said as recorded: one field, or several.
EDITED_ONE = N_("Updated {code}: {field} {old} → {new}")
EDITED_MANY = N_("Updated {code}: {changes}")
EDITED_CHANGE = N_("{field} {old} → {new}")
DISSOLVED = N_("Recorded {code} as dissolved on {date}")
REINSTATED = N_("Reinstated {code}")
RATED = N_("Rated {code} for {year}: {grade}")
RATED_AGAIN = N_("Replaced the {year} rating of {code}: {old} -> {grade}")
GRADE_WITH_SCORE = N_("{grade} ({score} points)")
SUPPORT_ADDED = N_("Recorded support #{id}: {what}, {date}")
SUPPORT_AMOUNT = N_("{what} {amount} đồng")
SUPPORT_QUANTITY = N_("{what}, {quantity} {unit}")
SUPPORT_FOR = N_("{what} for {code} {name}")

# questions at a terminal (cli/prompts.py)
PROMPT_PROBLEM = N_("Not accepted: {problem}")
PROMPT_REQUIRED = N_("an answer is required")
# `htx add` asks for each field not given as an option, showing the form it takes.
ADD_PROMPTS = {
    "name": N_("Name (e.g. HTX Nông nghiệp Tân Thành)"),
    "code": N_("Code (registration or tax code, e.g. 4700284512)"),
    "kind": N_("Kind ({choices}, or HTX, THT, LHTX, QTDND; Enter for {default})"),
    "district": N_("District (huyện; Enter to skip)"),
    "province": N_("Province (tỉnh; Enter to skip)"),
    "commune": N_("Commune (xã, phường; Enter to skip)"),
    "sector": N_("Sector ({choices}, or nông nghiệp, thương mại…; Enter to skip)"),
    "founded": N_("Founding date (DD/MM/YYYY)"),
    "members": N_("Members (a whole number; Enter to skip)"),
    "capital_vnd": N_("Capital in đồng (e.g. 1,5 tỷ or 350 triệu; Enter to skip)"),
}
ADD_PROMPT_PROVINCE = N_("Province (tỉnh; Enter for {default})")
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

# labels shown in tables
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
    "started": N_("From"),
    "until": N_("Until"),
    "reason": N_("Reason"),
    "key": N_("Setting"),
    "value": N_("Value"),
    "typed": N_("Typed as"),
    "province": N_("Province"),
    "new_address_from": N_("New address from"),
    "new_province": N_("New province"),
    "new_commune": N_("New commune"),
    "address": N_("Address"),
    "scheme": N_("Period"),
    "becomes": N_("Became"),
    "legal_status": N_("Legal status"),
    "commune_code": N_("Commune code"),
    "former_province": N_("Former province"),
    "new_commune_code": N_("New commune code"),
    "associate_members": N_("Associate members"),
    "new_members": N_("New members"),
    "workers": N_("Regular workers"),
    "member_workers": N_("Workers who are members"),
    "seasonal_workers": N_("Seasonal workers"),
    "assets_vnd": N_("Total assets"),
    "revenue_vnd": N_("Revenue"),
    "profit_vnd": N_("Pre-tax profit"),
    "tax_vnd": N_("Taxes paid"),
    "income_vnd_per_year": N_("Average income a year"),
    "ocop_3": N_("OCOP 3-star products"),
    "ocop_4": N_("OCOP 4-star products"),
    "ocop_5": N_("OCOP 5-star products"),
    "high_tech": N_("Applies high technology"),
    "value_chain": N_("In a value chain"),
    # the reports issued (htx report --issued)
    "number": N_("Number"),
    "years": N_("Years"),
    "period": N_("Period"),
    "area": N_("Area"),
    "replaces": N_("Replaces"),
}
# The headers of the averages by place, where a figure's own header is its total's.
# The income's line in the economy's table, beside averages per organisation: it is per worker.
REPORT_ECONOMY_INCOME_ROW = N_("Average income (đồng/person/year)")
# The income with its unit, a worker's a year, as the economy's and the plan's tables say it; the
# others an organisation's, in đồng (render/report.in_dong).
AVERAGE_HEADERS = {
    "revenue_vnd": N_("Average revenue"),
    "profit_vnd": N_("Average pre-tax profit"),
    "income_vnd_per_year": REPORT_ECONOMY_INCOME_ROW,  # an average already
}
TITLE_RATINGS = N_("Ratings")
TITLE_SUPPORT = N_("Support received")
TITLE_LIST = N_("Organisations: {count}")
TITLE_SUPPORT_LIST = N_("Support records: {count}, total {amount}")
# Said on stderr by every listing of one year (support list, export): the days that year covers.
PERIOD_COVERED = N_("Year {year}: from {first} to {last}")
PROVINCE_WIDE = N_("toàn tỉnh")  # province-wide

# yearly figures: what an organisation achieved in a year (htx figures, figures.csv)
NOT_A_FLAG = N_("is not yes or no (có, không)")
NOT_MONEY_IN_UNIT = N_("is not an amount in {unit} đồng, as the column's header says (e.g. 2,5 or 2.500)")
INCOME_NEEDS_PERIOD = N_(
    "says neither per month nor per year: write '5,5 triệu/tháng' or '66 triệu/năm' (per month, per year)"
)
HEADER_UNIT_UNKNOWN = N_("the unit {unit!r} is not đồng, nghìn đồng, triệu đồng or tỷ đồng")
INCOME_HEADER_NEEDS_PERIOD = N_(
    "does not say whether the income is per month or per year: write (đồng/người/tháng) or (đồng/người/năm)"
)
PROFIT_OVER_REVENUE = N_("is larger than the revenue ({revenue})")
INCOME_TOO_HIGH = N_("is over 100 triệu đồng a month: a figure per year typed per month?")
INCOME_TOO_LOW = N_("is under 1 triệu đồng a year: a figure per month, or in thousands?")
IMPLAUSIBLE_REVENUE = N_("is over {limit} tỷ đồng (a digit too many?)")
MEMBERS_UNDER_MEMBER_WORKERS = N_("are fewer than the workers who are members ({workers})")
TENFOLD_PREVIOUS_YEAR = N_("is ten times or more the year {year}'s ({before}): a unit slip?")
TENTH_PREVIOUS_YEAR = N_(
    "is a tenth or less of the year {year}'s ({before}): a unit slip (a month's typed as a year's?)"
)
FIGURES_NEED_YEAR = N_("give the year of the figures: htx figures {code} YEAR --revenue …")
FIGURES_RECORDED = N_("Recorded the {year} figures of {code}: {fields}")
FIGURES_CHANGED = N_("Changed the {year} figures of {code}: {fields}")
FIGURES_UNCHANGED = N_("The {year} figures of {code} are already so: nothing changed")
FIGURES_TITLE = N_("Yearly figures of {code} {name}")
FIGURES_NONE = N_("No yearly figures recorded for {code}.")
FIGURES_NONE_OF_YEAR = N_("No figures recorded for {code} in {year}.")
NOT_REPORTED = N_("–")
FLAG_YES = N_("yes")
FLAG_NO = N_("no")

# --- the database: opening, upgrading, db check and db backup -------------------------------------
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
BUSY_TIMEOUT_BAD = N_(
    "is not a number of seconds between 0 and 86400 (how long a command waits for another's)"
)
DB_UNKNOWN_DRIVER = N_("database: no driver for {url!r}; {hint}")
DB_INSTALL_POSTGRES = N_("install the PostgreSQL extra: pip install 'htxcli[postgres]'")
DB_IN_MEMORY = N_("database: {url!r} is a database in memory, forgotten when htx exits; give a file")
DB_SQLITE_URL_OPTIONS = N_(
    "database: {url!r}: htx opens SQLite files its own way; give the file's path without options"
)
DB_URL_WITHOUT_SLASHES = N_(
    "database: {value!r} looks like a server URL without the '//' after '{scheme}:'; "
    "write it as {scheme}://user@host/database"
)

# db check and db backup
CHECKS = {
    "CHECK_INTEGRITY": N_("integrity: {detail}"),
    "CHECK_FOREIGN_KEY": N_("foreign key: {table} row {rowid} points to a missing {parent}"),
    "CHECK_RATING_OUTSIDE_LIFE": N_(
        "rating: {code} is rated for {year}, outside its life (founded {founded}, dissolved {dissolved})"
    ),
    "CHECK_SUPPORT_BEFORE_FOUNDED": N_("support #{id}: dated {date}, before {code} was founded ({founded})"),
    "CHECK_SUPPORT_AFTER_DISSOLVED": N_(
        "support #{id}: dated {date}, after {code} was dissolved ({dissolved})"
    ),
    "CHECK_SUPPORT_TWINS": N_(
        "support: the same record entered {count} times (organisation, program, date, amount, "
        "quantity, unit and note): {ids}"
    ),
    "CHECK_SHARED_NAME": N_("name: the same name once accents and case are ignored: {organisations}"),
    "CHECK_GRADE_SCORE": N_("grade: {code} {year} is graded {grade} but its score {score} earns {expected}"),
    "CHECK_IMPLAUSIBLE_DATE": N_("date: {what} is {date}, before 1900 or later than today"),
    "CHECK_DISTRICT_SPELLINGS": N_(
        "district: one district spelled {count} ways once accents and case are ignored "
        "(organisations of each): {spellings}"
    ),
    "CHECK_STATUS_OUTSIDE_LIFE": N_(
        "status: {code} is {status} from {date}, outside its life (founded {founded}, dissolved {dissolved})"
    ),
    "CHECK_STATUS_ENDING": N_(
        "status: {code} has the dissolution date {dissolved} but its status history ends on {ended}"
    ),
    "CHECK_UNMATCHED_PLACE": N_(
        "address: {code} {name}: {field} {value!r} is in no official list of units; "
        "correct it with: {command}"
    ),
    "CHECK_NO_COMMUNE_IN_FORCE": N_(
        "address: {code} {name}: no commune in force since {since} (the address before: {address}); "
        "move it with: htx places migrate, or: {command}"
    ),
    "CHECK_FIGURES_OUTSIDE_LIFE": N_(
        "figures: {code} has figures for {year}, outside its life (founded {founded}, dissolved {dissolved})"
    ),
    "CHECK_FIGURES_SLIP": N_("figures: {code} {year}: {problem}"),
}

# db
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

# --- import and export: CSV files and workbooks ---------------------------------------------------
UNKNOWN_COLUMN = N_("is not a column of {table}.csv (columns: {columns})")
EMPTY_HEADER = N_("(empty)")
DUPLICATE_COLUMN = N_("appears twice in the header")
MISSING_COLUMN = N_("is a required column of {table}.csv")
EMPTY_FILE = N_("{file}: the file is empty; the first line must be a header: {columns}")
NOT_UTF8 = N_("{file}:{line}: the file is not UTF-8 ({detail}); save it as 'CSV UTF-8'")
TOO_MANY_CELLS = N_("row: has {found} cells, the header has {expected}")
BAD_CSV = N_("{file}:{line}: not valid CSV ({detail})")
CELL_TOO_LONG = N_("{file}:{line}: a cell is longer than {limit} characters")
# What an import's counts are of, by the file imported; and stdout, where `-` sends rows.
IMPORTED_FILES = {
    "cooperatives": N_("cooperatives"),
    "ratings": N_("ratings"),
    "support": N_("support"),
    "figures": N_("figures"),
    "plans": N_("plans"),
}
STDOUT = N_("stdout")
IMPORT_COUNTS = N_("{table}: {new} new, {changed} changed, {unchanged} unchanged")
IMPORT_REJECTED = N_(", {rejected} rejected (written to {rejects})")
IMPORT_DRY_RUN = N_(" (dry run: nothing written)")
# As places migrate says it: the history entry of an import that wrote, and how to take it back.
IMPORT_ENTRY = N_(" (history entry #{entry}; htx undo reverts it)")
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
IMPORT_SHORT_CODE = N_(
    "code: {code!r} has 9 digits: a tax code has 10, and a spreadsheet drops a leading 0 (0{code}?); "
    "format the column as Text and check the code"
)
PHONE_AS_NUMBER = N_(
    "looks like a number a spreadsheet made of a phone number, which drops its leading 0; "
    "format the column as Text and type the numbers again"
)
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

# import
BAD_OUTPUT_SUFFIX = N_(
    "has no known extension (.json, .csv, .md, .txt, .docx, .html or .xlsx); or give --format"
)
CANNOT_WRITE = N_("cannot be written ({detail})")
# Every file htx writes (services/output.py): never over the registry, a database, an input or a folder.
OUTPUT_IS_DATABASE = N_("is a database; htx never writes over one (choose another file name)")
OUTPUT_IS_REGISTRY = N_("is the registry itself; htx never writes over it (choose another file name)")
OUTPUT_IS_INPUT = N_("is the file being read; write to another file (or - for stdout)")
OUTPUT_IS_FOLDER = N_("is a folder; give a file name inside it")
OUTPUT_PARENT_NOT_FOLDER = N_("is inside something that is not a folder")
# A document htx wrote is replaced only while nobody changed it (domain/seal.py).
OUTPUT_CHANGED = N_(
    "has changed since htx wrote it (completed in Word or Excel?) and is kept; "
    "write to another file, or add --force to replace it"
)
OUTPUT_NOT_HTX = N_(
    "was not written by htx (or by an older version of it) and is kept; "
    "write to another file, or add --force to replace it"
)
OUTPUT_IS_SPECIAL = N_("is neither a file, a character device nor a named pipe; htx does not write there")
# Reading a large file ahead, in a second process (services/readahead.py)
READER_STOPPED = N_("the process reading the file stopped unexpectedly; nothing was written")
READER_FAILED = N_("reading the file failed: {detail}; nothing was written")
OUTPUT_BINARY_NOT_STDOUT = N_("a workbook is a file, not text for a terminal or a pipe: give -o FILE.xlsx")

# spreadsheets in and out: xlsx, Vietnamese headers, title and totals rows (issue 18)
ACCEPTED_HEADERS = N_("also accepted: {names}")
HEADER_UNIT_NOT_DONG = N_("amounts are read in đồng, and this column is in {unit!r}: convert it to đồng")
NAME_NOT_REGISTERED = N_(
    "{label}: {name!r} is not the registered name of {code} ({registered!r}); the row was read by its code"
)
# A row refused for its empty code, that names the organisation: which code it probably is.
CODE_OF_NAME = N_("the name {name!r} is that of {code}")
CODES_OF_NAME = N_("the name {name!r} is that of several organisations: {codes}")
FIND_CODE_OF_NAME = N_("no registered organisation has the name {name!r}; find its code with {search}")
OR_GIVE_YEAR = N_("; a sheet of one year may instead give it as: htx import ratings FILE --year YEAR")
YEAR_OF_RATINGS_ONLY = N_("is the year of a ratings sheet; cooperatives and support rows carry their dates")
GIVEN_AND_IN_FILE = N_(
    "the file has its own column {column!r}: give the value there, or leave the option out"
)
HEADER_UNIT_SCALED = N_(
    "{where}: the column {column!r} is in {word} đồng: its numbers were read as {word} đồng"
)
# An office's "Ghi chú" column in a list that keeps no note (the organisations'): left unread, said once.
NOTE_COLUMN_NOT_READ = N_("{where}: the column {column!r} was not read: {contract} has no notes")
EXCEL_DAY_NUMBERS = N_(
    "{where}: the column {column!r} holds dates as Excel's day numbers (format the column as a date); "
    "they were read as dates: {serial} is {date}"
)
# A rejects workbook's sheet and its error column, for the clerk who corrects it (import ignores the column).
REJECTS_SHEET = N_("rejects")
REJECTS_ERROR_COLUMN = N_("error")
IMPORT_NEW_ADDRESS_DATED = N_(
    "{count} row(s) give a new address (new_province, new_commune) without its date (new_address_from): "
    "in force from 01/07/2025, as `htx edit --province` records it"
)
TOTALS_ROW_SKIPPED = N_("{where}: the totals row {label!r} was skipped")
# ... and where its figures are not the sum of the rows imported (services/totals.py), once a sheet.
TOTALS_DISAGREE = N_("the totals row does not add up: {columns}; imported all the same")
TOTALS_COLUMN_DISAGREES = N_("{column}: {total} on the totals row, {sum} in the rows imported")
COLUMN_NUMBERS_SKIPPED = N_("{where}: the row of column numbers under the header was skipped")
ROWS_AFTER_TOTALS_SKIPPED = N_(
    "{where}: {count} row(s) after the totals row, with no code, were skipped (the first reads {first!r})"
)
SIGNATURE_ROWS_SKIPPED = N_(
    "{where}: the signature block under the data, {count} row(s) with no code, was skipped (the first "
    "reads {first!r})"
)
NOT_A_WORKBOOK = N_("{file}: not an Excel workbook that can be read ({detail})")
NO_SUCH_SHEET = N_("is not a sheet of {file} (sheets: {sheets})")
EMPTY_SHEET = N_("{file}: sheet {sheet!r} has no header row; its header must name the columns: {columns}")
ODS_NOT_READ = N_(
    "{file}: an OpenDocument spreadsheet (.ods, as LibreOffice Calc saves it), which htx does not read; "
    "open it and save it as an Excel workbook (.xlsx) or as CSV (UTF-8)"
)
NOT_A_TABLE_FILE = N_(
    "{file}: {what}, not a CSV file or an Excel workbook; save the table as an Excel workbook (.xlsx) "
    "or as CSV (UTF-8) and import that"
)
WHAT_PDF = N_("a PDF document")
WHAT_IMAGE = N_("an image")
WHAT_ARCHIVE = N_("a compressed archive")
WHAT_DOCUMENT = N_("a text document (Word or Writer)")
WHAT_BINARY = N_("not text (it holds bytes that no text file has)")
UTF16_DAMAGED = N_("it begins as UTF-16 text (Excel's Unicode Text) but is damaged")
XLS_NOT_READ = N_("{file}: an old Excel workbook (.xls); open it in Excel and save it as .xlsx")
SHEET_OF_CSV = N_("only a workbook (.xlsx) has sheets; this file is CSV")
REQUIRED_FOR_NEW = N_("is required for a new organisation ({code!r} is not registered)")
CODE_SCIENTIFIC = N_(
    "was shown by Excel in scientific notation, which lost its digits: format the column as Text and "
    "type the codes again"
)
EXPORT_NEEDS_OUTPUT = N_("an xlsx workbook is written to a file: give -o FILE.xlsx")
HEADERS_OF_JSON = N_("applies to csv and xlsx; JSON keys are always the contract's")

# spreadsheet import fixes: the header's own words in errors, workbooks refused in one line
# A row's problem starts with its column, which an import names by the file's own header (so the
# column is not part of the sentence to translate): `Mã số thuế: '999' is not in the registry`.
CODE_NOT_REGISTERED = N_("{code!r} is not in the registry (see 'htx list' or 'htx search')")
NOT_XLSX = N_(
    "{file}: not an Excel workbook (.xlsx), though its name ends in .xlsx: open it in Excel and save it as "
    "an Excel Workbook (.xlsx), or, if it is CSV, name it .csv"
)
WORKBOOK_DAMAGED = N_("the file is damaged or incomplete")
WORKBOOK_NOT_EXCEL = N_("a zip archive, but not of an Excel workbook")
WORKBOOK_UNREADABLE = N_("its content is not laid out as Excel writes it")
# A workbook's sheet is no `cooperatives.csv`: it is named as the list it holds.
UNKNOWN_COLUMN_OF_LIST = N_("is not a column of {contract} (columns: {columns})")
MISSING_COLUMN_OF_LIST = N_("is a required column of {contract}")
LISTS = {
    "cooperatives": N_("the list of organisations (cooperatives)"),
    "ratings": N_("the list of ratings (ratings)"),
    "support": N_("the list of support (support)"),
    "figures": N_("the list of yearly figures (figures)"),
}
# The same, said to a Vietnamese clerk: the columns by their Vietnamese headers, and how to mend the sheet.
UNKNOWN_COLUMN_HOW_TO_FIX = N_(
    "is not a column of {contract}, whose columns are: {names}. Head each column with one of these names "
    "(a header of two rows reads as one: 'Sản phẩm OCOP' over '3 sao' is 'Sản phẩm OCOP 3 sao'), or "
    "start from the sheet htx export {table} --headers vi -o FILE.xlsx writes"
)
NO_HEADER_ROW = N_(
    "no header row among the first {count} rows (the first reads {first!r}); a header row names the "
    "columns, such as {names} (or {columns})"
)

# --- the yearly report ----------------------------------------------------------------------------
REPORT_TITLE = N_("Collective economy, {years}")
REPORT_TITLE_DISTRICT = N_("Collective economy, {years} — {district}")
# With --as-of: the part of the year a report covers, in its title.
REPORT_FIRST_MONTHS = N_("the first {months} months of {year}")
REPORT_YEAR_UP_TO = N_("{year} up to {day}")
REPORT_YEARS_UP_TO = N_("{years} (up to {day})")
AS_OF_OUTSIDE = N_("is outside the reporting period, from {first} to {last}")
REPORT_ORGANISATIONS = N_("Organisations at the end of {year}")
# Under the title, and in the tables' titles, when the reporting period is not the calendar year.
REPORT_PERIOD = N_("(Figures from {first} to {last})")
REPORT_PERIOD_COMPARED = N_(
    "(Figures from {first} to {last}; compared with {year}: from {compared_first} to {compared_last})"
)
REPORT_ORGANISATIONS_ON = N_("Organisations on {day}")
REPORT_STATUS_ON = N_("Legal status on {day}")
# Under the legal status table, whose columns are the stocks of the last day: a flow of the period, by
# kind ("Resumed during the year: 2 cooperatives (already counted above by their status at the period's
# end).").
REPORT_FLOW_NOTE = N_("{metric}: {counts} (already counted above by their status at the period's end).")
REPORT_REVOKED_NOTE = N_(
    "Registered includes those whose certificate was revoked and that are not yet dissolved: {counts}."
)
# Years side by side: the legal status's flows of each year and the revoked of the last, in a note
# beneath the lines (which are stocks, adding up to the registered).
REPORT_FLOW_IN_YEAR = N_("{metric} ({year}): {counts}")
REPORT_FLOW_NOTE_LINES = N_("{flows} (already counted above by their status at each period's end).")
REPORT_REVOKED_NOTE_YEAR = N_(
    "In {year}, registered includes those whose certificate was revoked, not yet dissolved: {counts}."
)
REPORT_DISTRICTS_ON = N_("Districts on {day}")
REPORT_COMMUNES_ON = N_("Communes on {day}")
REPORT_FORMER_PROVINCES_ON = N_("Former provinces on {day}")
REPORT_ACTIVE_ON = N_("Active on {day}")
REPORT_RATINGS = N_("Ratings {year}")
# `unrated` is the grade recorded ("chưa xếp loại"); `not_rated` those with no rating record yet.
# The ratings table's caption: the rated, those graded "unrated" (when any), then those with no
# rating record for the year at all (when any), which a clerk must not read as the grade "unrated".
REPORT_RATED = N_("{rated} rated")
REPORT_RATED_UNRATED = N_("{rated} rated, {unrated} graded unrated")
REPORT_NOT_RATED = N_("No rating result for {year} yet: {count}")
REPORT_SUPPORT = N_("Support {year}")
REPORT_NO_SUPPORT = N_("No support recorded in {year}.")
REPORT_NEW_MODEL = N_("New-model cooperatives supported in {year}")
# Its organisations' names (the header "Name" alone reads as any name, a program's or a place's).
REPORT_NEW_MODEL_NAME = N_("Name of organisation")
REPORT_MORE_NAMED = N_("… and {count} more (all of them in --format json or csv)")
REPORT_DISTRICTS = N_("Districts at the end of {year}")
REPORT_FIGURES = N_("Figures")
REPORT_SECTION_ORGANISATIONS = N_("Organisations at year end")
REPORT_SECTION_RATINGS = N_("Rating results")
# A range's flows (ratings, support, figures) by their years: "Kết quả xếp loại năm 2025 và năm 2026".
REPORT_SECTION_TWO_YEARS = N_("{title}, {first} and {last}")
REPORT_SECTION_YEARS = N_("{title}, {first}–{last}")
REPORT_SECTION_SUPPORT = N_("Support for the development of the collective economy")
REPORT_SECTION_DISTRICTS = N_("Districts at year end")
# The same sections when the reporting period is not the calendar year: its last day (14/12) each year.
REPORT_SECTION_ORGANISATIONS_ON = N_("Organisations on {day} of each year")
REPORT_SECTION_DISTRICTS_ON = N_("Districts on {day} of each year")
REPORT_TOTAL = N_("Total")
# Biểu 4 when it holds loans and spending: the spending summed apart, the loans after it, then the whole.
REPORT_TOTAL_WITH_LOANS = N_("Total (loans included)")
REPORT_SUPPORT_SPENT = N_("Support spending (loans not counted)")
REPORT_SUPPORT_LENT = N_("Credit (loans disbursed)")
REPORT_NO_DISTRICT = N_("(no district)")
# A change column's header, as Vietnamese reports head it ("Tăng (+), giảm (−) so với năm 2025")
REPORT_CHANGE = N_("Change on {year}")
# Money in a table: bare figures, the unit after a money column's header or a money line's label
REPORT_IN_DONG = N_("{header} (đồng)")
# A line of quantities in one unit, years side by side: "Số lượng (lớp)"
REPORT_IN_UNIT = N_("{metric} ({unit})")
REPORT_ACTIVE_AT_END = N_("Active at the end of {year}")
REPORT_BAND = N_("Band")
REPORT_COUNT = N_("Count")
REPORT_SHARE = N_("Share")
REPORT_RATED_ROW = N_("Rated")
# A comparison's ratings end as the year's table does, with the rated, before those not graded.
REPORT_TOTAL_RATED = N_("Total (rated)")
REPORT_UNRATED_ROW = N_("Unrated")
REPORT_NOT_RATED_ROW = N_("No rating result yet")
REPORT_RECORDS = N_("Records")
REPORT_ORGANISATIONS_COUNT = N_("Organisations")
REPORT_NEW = N_("New")
# The members and capital of Biểu 1, as registered: the year's reported figures differ.
REPORT_REGISTERED_MEMBERS = N_("Members (registered)")
REPORT_REGISTERED_CAPITAL = N_("Capital (registered)")
# Under a table whose capital is blank on a row with organisations (0 is a row without any).
REPORT_CAPITAL_NOT_GIVEN = N_("Capital left blank: none of the organisations of that row gave its capital.")
REPORT_ACTIVE = N_("Active")
REPORT_DISSOLVED = N_("Dissolved")
REPORT_BANKRUPT = N_("Bankrupt")
# Lives ended in the period, dissolutions and bankruptcies together (the JSON's `dissolved`).
REPORT_ENDED = N_("Dissolved or bankrupt")
REPORT_WRITTEN = N_("Wrote {path}")
ISSUED_EARLY = N_(
    "Warning: dated {on}, before the period ends on {last}: the document counts what is recorded so far "
    "and still says 'to {last}' (--as-of {on} reports to the day of its date)"
)
# A draft document written while --check finds something (support after a dissolution…): said once,
# as issuing it would refuse (ISSUED_FINDINGS).
DRAFT_FINDINGS = N_("Warning: the report has {count} findings to look at before it is signed ({command})")
REPORT_FUTURE_YEAR = N_(
    "Warning: year: {years}: after the current year ({current}); its figures are only what is recorded so far"
)

# the report's economy: what the organisations achieved (issue 22)
REPORT_ECONOMY = N_("What the organisations achieved in {year}")
REPORT_ECONOMY_REPORTING = N_("Reporting")
# A comparison's line of them, in full (its base said in the note under the table).
REPORT_ECONOMY_REPORTING_LINE = N_("Organisations that reported figures")
REPORT_ECONOMY_GIVEN = N_("Reported by")
REPORT_ECONOMY_AVERAGE = N_("Average per organisation")
# A comparison's economy, a figure heading its total, average and base: the income's average is
# per worker, its heading the year's line (REPORT_ECONOMY_INCOME_ROW) and its line the average alone.
REPORT_ECONOMY_AVERAGE_LINE = N_("Average")
REPORT_ECONOMY_AVERAGE_PER = N_("Average per reporting organisation")
REPORT_ECONOMY_CAPTION = N_(
    "{reporting} of the {active} registered organisations reported figures for {year}."
)
# The same, with the count of each kind registered (as the narrative counts them: "6/12 HTX")
REPORT_ECONOMY_CAPTION_KINDS = N_(
    "{reporting} of the {active} registered organisations reported figures for {year} ({kinds})."
)
REPORT_ECONOMY_BY_WORKERS = N_("The average income is weighted by each organisation's regular workers.")
REPORT_ECONOMY_BY_ORGANISATIONS = N_(
    "The average income is a plain average over organisations (some gave no number of workers)."
)
REPORT_ECONOMY_ENDED = N_(
    "{count} more organisations that ended within the period reported figures; they are not counted here."
)
REPORT_NO_FIGURES = N_("No yearly figures were reported for {year}.")
REPORT_ECONOMY_DISTRICTS = N_("Averages by district, {year}")
REPORT_ECONOMY_COMMUNES = N_("Averages by commune, {year}")
REPORT_ECONOMY_FORMER_PROVINCES = N_("Averages by former province, {year}")
REPORT_SECTION_ECONOMY = N_("What the organisations achieved")
REPORT_AVERAGE_OF = N_("{metric}, average")
REPORT_YEAR_MISSING = N_("a year (2018) or a range (2016..2020) is needed, except with --issued")
# htx report --issue, --issued, --as-issued: the report as signed and sent, kept as it was.
ISSUED = N_("Issued report {number} of {date}: {command} prints it as it was")
ISSUED_TITLE = N_("Reports issued")
ISSUED_NONE_YET = N_("No report has been issued yet (htx report YEAR --issue --number … --on …).")
ISSUED_NONE = N_("no report of {years} with these filters has been issued (htx report --issued lists them)")
ISSUED_NO_WORKBOOK = N_(
    "the workbook's list of organisations is not kept with an issued report; --as-issued prints it as "
    "json, csv, table, markdown, text, docx or html"
)
ISSUED_NOT_BOTH = N_("--issue and --as-issued cannot be given together")
ISSUED_ONLY_WITH_ISSUE = N_("only with --issue")
ISSUED_NUMBER_WITHOUT = N_("only with --issue or --as-issued")
ISSUED_NUMBER_MISSING = N_("--issue needs the document's number (--number 768/BC-STC)")
ISSUED_FINDINGS = N_(
    "the report has {count} findings (above; {command}); correct them, or issue it all the "
    "same with --despite-findings"
)
ISSUED_NUMBER_TAKEN = N_("this number was already issued, on {date}")
ISSUED_UNKNOWN_NUMBER = N_("no report was issued with this number (htx report --issued lists them)")
ISSUED_NOT_CURRENT = N_("it is not the report in force for these years and filters, which is {current}")
ISSUED_BEFORE_REPLACED = N_("is before the report it replaces, {number} of {date}")
ISSUED_OTHER_REPORT = N_("this number is the report of {years}, or of other filters")
ISSUED_ALREADY = N_(
    "the report of {years} with these filters was already issued as {number} on {date}; "
    "to issue a new one in its place, add --replaces {number}"
)
ISSUED_DIFFERS = N_("Differs from the issued report {number}: {count} figures; see --since-issued")
ISSUED_COMPARED_LIVE = N_(
    "{year} is compared by its figures now, which differ from the issued report {number} (--since-issued)"
)
SINCE_ISSUED = N_("Since the issued report {number} of {date}:")
SINCE_ISSUED_SAME = N_("No figure differs.")
SINCE_ISSUED_GROUP = N_("{group}: {count} figures differ (issued → now)")
SINCE_ISSUED_HISTORY = N_("History entries since it was issued: {count}")
DIFF_GROUPS = {
    "organisations": N_("Organisations"),
    "ratings": N_("Ratings"),
    "support": N_("Support"),
    "economy": N_("What the organisations achieved"),
    "other": N_("Other"),
}
# The words --since-issued names a figure with, besides the report's own labels: "Năm trước, Hợp tác
# xã: Thành lập mới"; an economy figure's sum, average and reporting; a named organisation's fields.
DIFF_PREVIOUS = N_("Year before")
DIFF_WORDS = {
    "sum": N_("Total"),
    "average": N_("Average per organisation"),
    "reporting": N_("Reported by"),
    "basis": N_("Averaged over"),
    "change": N_("Change"),
    "by": N_("by"),
    "percent": N_("%"),
    "name": N_("Name"),
    "code": N_("Code"),
    "district": N_("District"),
    "commune": N_("Commune"),
    "unit": N_("Unit"),
    "period": N_("Period"),
    "from": N_("from"),
    "to": N_("to"),
}
# htx report --check: what to look at before a report is signed; one line each.
CHECK_NONE = N_("No findings")
CHECK_MORE_CODES = N_("{codes} and {count} more")
CHECK_TOTALS = N_("{year}: {part} add up to {parts}, not to the total {total}")
CHECK_PART_KINDS = N_("the kinds")
CHECK_PART_STATUSES = N_("the legal statuses of {kind}")
CHECK_PART_RATINGS = N_("the grades and bands")
CHECK_PART_SHARES = N_("the bands' shares")
CHECK_PART_DISTRICTS = N_("the districts")
CHECK_PART_COMMUNES = N_("the communes")
CHECK_PART_FORMER_PROVINCES = N_("the former provinces")
CHECK_PART_SUPPORT = N_("the support programs")
CHECK_NO_DISTRICT = N_(
    "{year}: {count} organisations counted have no district the report can place them in: {codes}"
)
CHECK_NO_COMMUNE = N_("{year}: {count} organisations counted have no commune in force on {day}: {codes}")
CHECK_UNRATED = N_("{year}: {count} active organisations have no rating for the year: {codes}")
CHECK_RATED_NOT_ACTIVE = N_(
    "{year}: {count} organisations rated for the year were not active at its end: {codes}"
)
CHECK_SUPPORT_OUTSIDE_LIFE = N_(
    "{year}: {count} organisations have support dated before they were founded or after they were "
    "dissolved: {codes}"
)
CHECK_REVENUE_HIGH = N_(
    "{year}: average revenue {amount} per organisation is above {limit} (a unit off?); above it: {codes}"
)
CHECK_PROFIT_ABOVE_REVENUE = N_(
    "{year}: {count} organisations report a pre-tax profit above their revenue: {codes}"
)
CHECK_INCOME_HIGH = N_(
    "{year}: average income of a worker {amount} a year is above {limit} (a unit off?); above it: {codes}"
)
CHECK_INCOME_LOW = N_(
    "{year}: average income of a worker {amount} a year is under {limit} (a monthly figure?); "
    "under it: {codes}"
)
CHECK_FIGURES_COVERAGE = N_(
    "{year}: only {reporting} of {active} active organisations reported figures; not reported: {codes}"
)
CHECK_FIGURES_JUMP = N_("{year}: {figure} changed ten-fold or more from {previous}: {codes}")
CHECK_SUSPENSION_OVERDUE = N_(
    "{day}: {count} organisations suspended for more than 12 months, the law's limit for one notice "
    "(renewal or resumption not recorded): {codes}"
)
CHECK_DISSOLVING_LONG = N_(
    "{day}: {count} organisations have been being dissolved for more than a year: {codes}"
)
SHEET_ECONOMY = N_("Economy")
SHEET_ECONOMY_DISTRICTS = N_("Economy by district")
SHEET_ECONOMY_COMMUNES = N_("Economy by commune")
SHEET_ECONOMY_FORMER_PROVINCES = N_("Economy by former province")
NARRATIVE_ECONOMY_REPORTED = N_("{counts} reported figures for {year}.")
NARRATIVE_ECONOMY_COUNT = N_("{reporting}/{active} {kind}")
NARRATIVE_REVENUE = N_("Average revenue was {amount}/{kind}")
NARRATIVE_PROFIT = N_("average pre-tax profit {amount}/{kind}")
NARRATIVE_INCOME = N_("the average income of a worker {amount}/person/year")
# An average over fewer than those that reported figures at all says its base
NARRATIVE_BASIS = N_("{clause} (over the {count} that reported it)")
NARRATIVE_UP_ON = N_("{clause}, up {percent} on {year}")
NARRATIVE_DOWN_ON = N_("{clause}, down {percent} on {year}")
NARRATIVE_HIGH_TECH = N_("{count} applied high technology")
NARRATIVE_VALUE_CHAIN = N_("{count} worked in a value chain")
NARRATIVE_OCOP = N_("{count} OCOP products, of which {stars}")
# OCOP where the documents' prose first names it (render/prose.py spelled_out_first), as Vietnamese
# documents write it: "sản phẩm OCOP (Chương trình Mỗi xã một sản phẩm)".
OCOP_SPELLED_OUT = N_("OCOP (One Commune One Product programme)")
NARRATIVE_OCOP_STARS = N_("{count} of {stars} stars")
# Every product of one rank: "1 sản phẩm OCOP 3 sao", not "1 sản phẩm OCOP, trong đó 1 sản phẩm 3 sao".
NARRATIVE_OCOP_ONE_RANK = N_("{count} OCOP products of {stars} stars")

# --- report documents: narrative, Word, HTML, workbook, charts ------------------------------------
# A count with its noun, singular and plural apart (Vietnamese has one form for both).
NARRATIVE_KIND_ONE = {
    "cooperative": N_("{count} cooperative"),
    "group": N_("{count} cooperative group"),
    "union": N_("{count} union of cooperatives"),
    "credit-fund": N_("{count} people's credit fund"),
}
NARRATIVE_KIND_MANY = {
    "cooperative": N_("{count} cooperatives"),
    "group": N_("{count} cooperative groups"),
    "union": N_("{count} unions of cooperatives"),
    "credit-fund": N_("{count} people's credit funds"),
}
NARRATIVE_KIND_NONE = {
    "cooperative": N_("no cooperative"),
    "group": N_("no cooperative group"),
    "union": N_("no union of cooperatives"),
    "credit-fund": N_("no people's credit fund"),
}
NARRATIVE_RECORDS_ONE = N_("{count} record")
NARRATIVE_RECORDS_MANY = N_("{count} records")
NARRATIVE_CLASSES_ONE = N_("{count} class")
NARRATIVE_CLASSES_MANY = N_("{count} classes")
NARRATIVE_COPIES_ONE = N_("{count} copy")
NARRATIVE_COPIES_MANY = N_("{count} copies")
NARRATIVE_QUANTITY = N_("{count} {unit}")
# The year's organisations: "In 2018, the province founded 29 …, bringing the total to 149 …; …".
NARRATIVE_OPENING = N_("In {year}, {scope} {clauses}.")
NARRATIVE_OPENING_PART = N_("In {period}, {scope} {clauses}.")
NARRATIVE_SCOPE_PROVINCE = N_("the province")
NARRATIVE_SCOPE_DISTRICT = N_("{district}")
NARRATIVE_NOTHING = N_("In {year}, {scope} has no organisation of the collective economy recorded.")
NARRATIVE_FOUNDED = N_("founded {count}")
NARRATIVE_DISSOLVED = N_("dissolved {count}")
NARRATIVE_BANKRUPT = N_("{count} went bankrupt")
# Dissolutions and bankruptcies of one kind: "dissolved 2 cooperatives, 1 went bankrupt".
NARRATIVE_ENDINGS = N_("{first}, {second}")
NARRATIVE_BOTH = N_("{founded} and {dissolved}")
NARRATIVE_TOTAL_UP = N_("{changes}, bringing the total to {count}")
# None at the start: "nâng tổng số lên 1 THT" would read as a rise from some; "hiện có 1 THT".
NARRATIVE_TOTAL_FIRST = N_("{changes}, making {count} in all")
NARRATIVE_TOTAL_DOWN = N_("{changes}, leaving {count}")
NARRATIVE_TOTAL_SAME = N_("{changes}, keeping the total at {count}")
NARRATIVE_TOTAL_NONE = N_("{changes}, leaving {none} active")
NARRATIVE_ACTIVE = N_("has {count} active")
# With --compare, the total against the year before's
NARRATIVE_MORE_THAN = N_("{clause}, {count} more than in {year}")
NARRATIVE_FEWER_THAN = N_("{clause}, {count} fewer than in {year}")
NARRATIVE_AS_IN = N_("{clause}, as many as in {year}")
NARRATIVE_CLAUSES = N_("{first}; {second}")
# Legal statuses on the period's last day, when any organisation is not operating.
NARRATIVE_STATUSES = N_("At the end of the period: {clauses}.")
NARRATIVE_SUSPENDED = N_("{count} suspended")
NARRATIVE_BEING_DISSOLVED = N_("{count} being dissolved")
NARRATIVE_REVOKED = N_("{count} with the registration certificate revoked")
NARRATIVE_AND = N_("{first} and {second}")
# The ratings.
NARRATIVE_RATINGS = N_("Of the {rated} rated: {bands}.")
NARRATIVE_BANDS = {
    "effective": N_("{count} effective (good or fair), {percent}"),
    "average": N_("{count} average, {percent}"),
    "weak": N_("{count} weak, {percent}"),
}
NARRATIVE_ALSO_UNRATED = N_("Not rated: {count}.")
NARRATIVE_NOT_RATED = N_("No rating result for {year} yet: {count}.")
NARRATIVE_ONLY_UNRATED = N_("No cooperative was rated for {year} ({count} not rated).")
NARRATIVE_NO_RATINGS = N_("No ratings are recorded for {year}.")
# The support, program by program, in the order of the printed report.
NARRATIVE_SUPPORT = N_("During the year the province {clauses}.")
NARRATIVE_SUPPORT_DISTRICT = N_("During the year, in {district}, the province {clauses}.")
# The same, a year of a range among its others under the documents' heading of the support.
NARRATIVE_SUPPORT_IN = N_("In {year} the province {clauses}.")
NARRATIVE_SUPPORT_DISTRICT_IN = N_("In {year}, in {district}, the province {clauses}.")
NARRATIVE_SUPPORT_SO_FAR = N_("From the start of the period to {day} the province {clauses}.")
NARRATIVE_SUPPORT_DISTRICT_SO_FAR = N_(
    "From the start of the period to {day}, in {district}, the province {clauses}."
)
NARRATIVE_PROGRAMS = {
    "outreach": N_("held {quantity} of outreach and training on the collective economy"),
    "bulletin": N_("published {quantity} of the collective economy bulletin"),
    "human-resources": N_("supported human resources for {organisations}"),
    "trade-promotion": N_("helped {organisations} take part in trade fairs and promotion"),
    "credit": N_("helped {organisations} borrow to develop production"),
    "new-model": N_("helped {organisations} build the new cooperative model tied to value chains"),
    "infrastructure": N_("supported infrastructure for {organisations}"),
    "certification": N_("helped {organisations} obtain food safety or OCOP certificates"),
    "other": N_("gave other support to {organisations}"),
}
NARRATIVE_PROGRAM_NAMES = {
    "outreach": N_("outreach and training"),
    "bulletin": N_("the bulletin"),
    "human-resources": N_("human resources"),
    "trade-promotion": N_("trade promotion"),
    "credit": N_("credit"),
    "new-model": N_("the new cooperative model"),
    "infrastructure": N_("infrastructure"),
    "certification": N_("certification"),
    "other": N_("other support"),
}
# A program whose main figure is missing (no quantity, or province-wide records naming no organisation).
NARRATIVE_PROGRAM_RECORDS = N_("gave support for {program} ({records})")
NARRATIVE_DISBURSED = N_("{clause}, disbursing {amount}")
NARRATIVE_COSTING = N_("{clause}, at a cost of {amount}")
NARRATIVE_SUPPORT_TOTAL = N_("Support in the year came to {amount} in all.")
NARRATIVE_SUPPORT_TOTAL_SO_FAR = N_("Support from the start of the period to {day} came to {amount} in all.")
# A loan is lent, not spent: the total of support is the programmes' spending, loans not counted.
NARRATIVE_LOANS_BESIDE = N_("Besides, the province {clause}.")
NARRATIVE_SUPPORT_TOTAL_LENT = N_("Support in the year, loans not counted, came to {amount} in all.")
NARRATIVE_SUPPORT_TOTAL_LENT_SO_FAR = N_(
    "Support from the start of the period to {day}, loans not counted, came to {amount} in all."
)
NARRATIVE_NEW_MODEL_ONE = N_("The cooperative supported to build the new model is {names}.")
NARRATIVE_NEW_MODEL_MANY = N_("The cooperatives supported to build the new model are {names}.")
NARRATIVE_NAMED_IN = N_("{name} ({district})")
# One organisation named after its count, within a programme's clause: "1 HTX (HTX Dược liệu …)"
# ("1 cooperative, HTX Một (Ba Bể), build …").
NARRATIVE_COUNT_NAMED = N_("{count}, {name},")
NARRATIVE_NAMES = N_("{first}; {second}")
NARRATIVE_LAST_NAME = N_("{rest}; and {last}")
NARRATIVE_MORE_NAMES = N_("{names} and {count} more")
# Money as the press writes it: 1,62 tỷ đồng.
MONEY_BILLIONS = N_("{amount} billion đồng")
MONEY_MILLIONS = N_("{amount} million đồng")
MONEY_DONG = N_("{amount} đồng")
# The Word and HTML documents (Decree 30/2020/NĐ-CP's layout for the Word report).
DOCUMENT_NATION = N_("SOCIALIST REPUBLIC OF VIETNAM")
DOCUMENT_MOTTO = N_("Independence - Freedom - Happiness")
# An issued report's own number (report --issue, --as-issued), else "……/BC-STC" to fill in.
DOCUMENT_NUMBER_GIVEN = N_("No.: {number}")
DOCUMENT_DATE_LINE = N_("…………, {date}")
DOCUMENT_DATE_LINE_PLACE = N_("{place}, {date}")
DOCUMENT_DATE = N_("{year}-{month}-{day}")
DOCUMENT_KIND = N_("REPORT")
DOCUMENT_SUBJECT = N_("The development of the collective economy in {years}")
DOCUMENT_SUBJECT_DISTRICT = N_("The development of the collective economy in {years}: {district}")
DOCUMENT_SUBJECT_PERIOD = N_("The development of the collective economy in {period}")
DOCUMENT_SUBJECT_PERIOD_DISTRICT = N_("The development of the collective economy in {period}: {district}")
DOCUMENT_OVERVIEW = N_("Overview")
# The overview's parts, numbered 1., 2.… as they are present (render/document.py's parts).
DOCUMENT_PART_ORGANISATIONS = N_("Number, legal status and rating of the organisations")
DOCUMENT_PART_SUPPORT = N_("Support for the development of the collective economy")
DOCUMENT_PART_ECONOMY = N_("Business results of the organisations")
DOCUMENT_PART_PLAN = N_("Results against the plan")
# The tables (and the HTML's charts) follow the signature as the report's one appendix (Decree 30:
# "Phụ lục", unnumbered when it is the only one), under its title and the line citing the report.
DOCUMENT_APPENDIX = N_("Appendix")
DOCUMENT_SEE_APPENDIX = N_("The figures in detail are in the tables of the appendix.")
DOCUMENT_FIGURES = N_("Tables of figures")
DOCUMENT_CHARTS = N_("Charts")
DOCUMENT_TABLE = N_("Table {number}. {title}")
DOCUMENT_TABLE_CONTINUED = N_("Table {number} (continued)")  # its next columns, too wide for one page
# The HTML's charts, numbered apart from the tables as Vietnamese reports number them ("Biểu đồ 1. …").
DOCUMENT_CHART = N_("Chart {number}. {title}")
DOCUMENT_RECIPIENTS = N_("Recipients:")
DOCUMENT_FILED = N_("- Filed: office records.")
# The recipient a report goes to when none is set: the body the office reports to ("(b/c)": báo cáo)
DOCUMENT_REPORTS_TO = N_("{body} (to report)")
DOCUMENT_SIGNATURE = N_("HEAD OF THE OFFICE")
# The body above a department (Sở) in the heading, when no parent-body is set: "UBND Tỉnh Thái Nguyên".
DOCUMENT_COMMITTEE = N_("People's Committee of {province}")
DOCUMENT_SIGN_HERE = N_("(signature, full name and seal)")
# On the HTML report's screen, never printed: the print dialog's words as Chrome writes them.
HTML_PRINT_NOTE = N_(
    "To print this report without the browser's own header and footer (the file's address, the date), "
    'open "More settings" in the print dialog (Ctrl+P) and untick "Headers and footers". '
    "This note is not printed."
)
DOCUMENT_GENERATED = N_(
    "Made by htx from the registry on {date}; every figure equals htx report --format json."
)
# A comparison's two years within a chart's title ("Kết quả xếp loại năm 2025 và năm 2026").
CHART_TWO_YEARS = N_("{first} and {last}")
CHART_BANDS = N_("Ratings {year}: the three bands")
CHART_SUPPORT = N_("Support {year}: amount by program")
CHART_SUPPORT_SPENT = N_("Support {year}: spending by program, loans not counted")
CHART_ACTIVE = N_("Organisations active at the end of each year")
# The same when the reporting period is not the calendar year: its last day (14/12) each year.
CHART_ACTIVE_ON = N_("Organisations active on {day} of each year")
CHART_EMPTY = N_("Nothing to draw.")
# A year nobody was rated in: no shares, never drawn as 0%.
CHART_NO_RESULTS = N_("No results yet.")
CHART_YEAR_NO_RESULTS = N_("{year} (no results yet)")
DOCX_TO_TERMINAL = N_(
    "is a Word file, not text for the terminal: write it with -o FILE.docx (or redirect stdout)"
)

# the report's workbook (htx report -o FILE.xlsx, render/report_xlsx.py)
# Sheet names: at most 31 characters, none of [ ] : * ? / \ (Excel refuses them)
SHEET_SUMMARY = N_("Summary")
SHEET_RATINGS = N_("Ratings")
SHEET_SUPPORT = N_("Support")
SHEET_NEW_MODEL = N_("New-model")
SHEET_DISTRICTS = N_("Districts")
SHEET_CHARTS = N_("Charts")
SHEET_ORGANISATIONS = N_("Organisations {year}")
# Under each sheet's title, the line of an appendix: the report it goes with ({number}: "768/BC-STC",
# else "……/BC-STC" to fill in; {date}: DOCUMENT_DATE, dotted when not issued).
WORKBOOK_APPENDIX = N_("(Attached to Report No. {number} dated {date} of {office})")
WORKBOOK_APPENDIX_NO_OFFICE = N_("(Attached to Report No. {number} dated {date})")
WORKBOOK_ORGANISATIONS = N_(
    "Organisations registered (not ended) on {day}: {count}, of which operating {operating}"
)
WORKBOOK_STATUS = N_("Legal status")
WORKBOOK_COMMUNE = N_("Commune/Ward")
WORKBOOK_PROVINCE = N_("Province")
WORKBOOK_FORMER_ADDRESS = N_("Address before {day}")
WORKBOOK_NUMBER = N_("No.")
WORKBOOK_GRADE = N_("Grade {year}")
# The charts are titled as the HTML report's (CHART_BANDS…); a money chart's value axis is in millions.
WORKBOOK_CHART_MILLIONS = N_("(million đồng)")
# Under the table a money chart is drawn from: its cells in đồng, the chart in millions.
WORKBOOK_CHART_UNITS = N_("Amounts in đồng; the chart in million đồng.")
WORKBOOK_PAGE = N_("Page &P of &N")

# --- history and undo -----------------------------------------------------------------------------

# history
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
TITLE_HISTORY = N_("History, newest first")
HISTORY_EMPTY = N_("No changes recorded yet.")
HISTORY_CUT = N_(
    "Showing the newest {shown} of {total} changes; use --limit for more, or --format json for all"
)
HISTORY_IMPORT = N_("{file}: {new} new, {changed} changed, {unchanged} unchanged")
HISTORY_UNDO = N_("reverted #{id} ({command})")
# A history entry's command as the clerk says it (the history's command column, undo's lines): every
# command that writes. Machine formats, and English, keep the command as typed.
COMMAND_WORDS = {
    "add": N_("add"),
    "edit": N_("edit"),
    "dissolve": N_("dissolve"),
    "reinstate": N_("reinstate"),
    "rate": N_("rate"),
    "support add": N_("support add"),
    "status": N_("status"),
    "suspend": N_("suspend"),
    "resume": N_("resume"),
    "revoke": N_("revoke"),
    "settings": N_("settings"),
    "report issue": N_("report issue"),
    "undo": N_("undo"),
    "places migrate": N_("places migrate"),
    "import cooperatives": N_("import cooperatives"),
    "import ratings": N_("import ratings"),
    "import support": N_("import support"),
    "import figures": N_("import figures"),
    "figures": N_("record figures"),
    "plan set": N_("plan set"),
    "plan unset": N_("plan unset"),
    "plan estimate": N_("plan estimate"),
    "import plans": N_("import plans"),
}
HISTORY_UNDONE = N_("(undone by #{id})")
HISTORY_HEADLINES = {
    "add": N_("{code} {name}"),
    "edit": N_("{code}: {fields}"),
    "dissolve": N_("{code} dissolved on {dissolved}"),
    "reinstate": N_("{code} reinstated"),
    "rate": N_("{code} {year}: {grade}"),
    "support add": N_("{program} {date} for {code}"),
    "status": N_("{code}: {status} from {date}"),
    "suspend": N_("{code}: {status} from {date}"),
    "resume": N_("{code}: {status} from {date}"),
    "revoke": N_("{code}: {status} from {date}"),
    "settings": N_("setting {key} = {value}"),
    "places migrate": N_(
        "new addresses from 01/07/2025: {mapped} mapped, {ambiguous} left to settle, {not_found} not found"
    ),
    "figures": N_("{code} {year} figures: {fields}"),
    "report issue": N_("report {years} issued as {number} of {date}"),
    "plan set": N_("plan {year} {indicator}{area}: {target}"),
    "plan unset": N_("plan {year} {indicator}{area} removed"),
    "plan estimate": N_("estimate of the whole year {year} {indicator}{area}: {estimate}"),
}
MORE_CHANGES = N_("… and {count} more changes (see --format json)")

# history
UNDO_TARGET = N_("Undo #{id} {command}, {at} by {user}:")
UNDO_QUESTION = N_("Undo it?")
# A yes-or-no question: the choices shown after it, and what a clerk is told when the answer is neither.
YES_NO_CHOICES = N_("[y/N]")
PROMPT_YES_NO = N_("answer y (yes) or n (no)")

# history
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
    "figures": N_("the {year} figures of {code} are as they were"),
    "figures new": N_("the {year} figures of {code} were removed"),
}
UNDONE_PLAN = N_("the plan {plan} is as it was")
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
    "legal_status": (N_("{count} status entry"), N_("{count} status entries")),
    "setting": (N_("{count} setting"), N_("{count} settings")),
    "figures": (N_("{count} year of figures"), N_("{count} years of figures")),
    "plan": (N_("{count} plan target"), N_("{count} plan targets")),
}

# plans: targets set with htx plan (the report's words for them are with the yearly report's)
PLAN_SET = N_("Set the plan {plan}: {target}")
PLAN_CHANGED = N_("Changed the plan {plan}: {old} → {target}")
PLAN_UNCHANGED = N_("The plan {plan} is already {target}; nothing changed")
PLAN_REMOVED = N_("Removed the plan {plan}")
PLAN_NOT_SET = N_("there is no plan {plan} to remove (htx plan lists them)")
PLAN_ESTIMATED = N_("Recorded the estimate of the whole year {plan}: {estimate}")
PLAN_ESTIMATE_UNCHANGED = N_("The estimate of the whole year {plan} is already {estimate}; nothing changed")
PLAN_ESTIMATE_ONE_YEAR = N_("is a span of years; an estimate of the whole year is of one year (2026)")
PLAN_UNKNOWN_AREA = N_("is neither a district nor a commune of the registry")
PLAN_TWICE = N_("the plan {plan} is given twice")
PLAN_TOO_MANY_CELLS = N_("the row has more cells than the header has columns")
PLANS_AS_CSV = N_("plans are exported as csv or json")
PLAN_NONE = N_("No plan targets set yet (htx plan set 2026 new-cooperatives 35).")
PLAN_TITLE = N_("Plan targets")
# The report's table of the plan's targets, and its sentences.
REPORT_PLAN_TITLE = N_("Attainment of the {year} plan")
# Under a plan with a share: its 57.1% beside the ratings table's 57% is two roundings, not two numbers
REPORT_PLAN_SHARES = N_(
    "Shares in this table are to one decimal place; the ratings table rounds its shares to whole "
    "percents that add up to 100."
)
SHEET_PLAN = N_("Plan")
PLAN_COLUMNS = {
    "indicator": N_("Indicator"),
    "target": N_("Plan"),
    "actual": N_("Actual"),
    "estimate": N_("Whole-year estimate"),
    "percent": N_("% of plan"),
    "change": N_("Change on the same period"),
}
PLAN_PREVIOUS_YEAR = N_("Same period of {year}")
PLAN_SPAN_LABEL = N_("{indicator} ({first}–{last}, cumulative)")
NARRATIVE_PLAN_YEAR = N_("{indicator}: {actual}, {percent} of the plan (the {year} plan is {target})")
NARRATIVE_PLAN_YEAR_ZERO = N_("{indicator}: {actual} (the {year} plan is {target})")
NARRATIVE_PLAN_SPAN = N_("{indicator}: cumulative {first}–{last}, {bare}/{target} ({percent})")
NARRATIVE_PLAN_SPAN_ZERO = N_("{indicator}: cumulative {first}–{last}, {bare}/{target}")
NARRATIVE_PLAN_NO_FIGURES = N_("{indicator}: no figures yet (the plan is {target})")
NARRATIVE_PLAN_ACTUAL_ONLY = N_("{indicator}: {actual}")
NARRATIVE_PLAN_OVER = N_(", above the plan by {excess}")
# A share's excess over its target is in points of percent, not a percent of the target.
NARRATIVE_PERCENTAGE_POINTS = N_("{points} percentage points")
NARRATIVE_PLAN_ESTIMATE = N_("; whole-year estimate {estimate}")
NARRATIVE_PLAN_ESTIMATE_PERCENT = N_("; whole-year estimate {estimate}, {percent} of the plan")
# The unit of a money indicator's amount, wherever one is written (the income is kept per year).
PLAN_MONEY_UNITS = {
    "average-revenue": N_("{amount}/cooperative"),
    "average-profit": N_("{amount}/cooperative"),
    "average-income": N_("{amount}/person/year"),
}
# A money indicator's label in a table of figures, which holds the bare amounts.
PLAN_MONEY_LABELS = {
    "average-revenue": N_("{indicator} (đồng/cooperative)"),
    "average-profit": N_("{indicator} (đồng/cooperative)"),
    "average-income": N_("{indicator} (đồng/person/year)"),
}
# A count of an indicator's unit, in the narrative's sentences.
PLAN_UNITS = {
    "new-cooperatives": N_("{count} cooperatives"),
    "new-groups": N_("{count} groups"),
    "new-unions": N_("{count} unions"),
    "new-credit-funds": N_("{count} credit funds"),
    "operating-cooperatives": N_("{count} cooperatives"),
    "dissolved-cooperatives": N_("{count} cooperatives"),
    "new-model": N_("{count} models"),
    "new-members": N_("{count} members"),
    "high-tech": N_("{count} cooperatives"),
    "value-chain": N_("{count} cooperatives"),
    "ocop-products": N_("{count} products"),
}
PLAN_HEADERS = {
    "year": N_("Year"),
    "indicator": N_("Indicator"),
    "area": N_("Area"),
    "target": N_("Target"),
    "estimate": N_("Whole-year estimate"),
    "note": N_("Note"),
}

# --- legal status and registry settings -----------------------------------------------------------
LEGAL_RECORDED = N_("Recorded {code} as {status} from {date}")
LEGAL_RECORDED_UNTIL = N_("Recorded {code} as {status} from {date} until {until}")
LEGAL_REMOVED = N_("Removed the status {status} of {code} from {date}")
LEGAL_AFTER_END = N_("{code} was dissolved on {date}; no status can follow its dissolution")
LEGAL_SAME_DAY = N_("{code} already has a status recorded on {date}: {status}")
LEGAL_LATER_ENTRY = N_(
    "{code} has a later status recorded ({status} on {date}); a dissolution must be the last"
)
LEGAL_ALREADY = N_("{code} is already {status} on {date}")
LEGAL_STRANDS_RATING = N_("would leave the {year} rating outside the organisation's life")
LEGAL_UNTIL_ONLY_SUSPENDED = N_("is only for a suspension")
LEGAL_UNTIL_BEFORE = N_("is before the suspension starts ({date})")
LEGAL_REASON_ONLY_ENDING = N_("is only for a dissolution")
LEGAL_SUSPENSION_TOO_LONG = N_("is more than 12 months after the start, the law's limit for one notice")
LEGAL_FOUNDED_AFTER_STATUS = N_("is after the status {status} recorded on {date}")
LEGAL_DISSOLVED_BEFORE_STATUS = N_(
    "is not after the status {status} recorded on {date}; a dissolution must be the last"
)
LEGAL_HISTORY_TITLE = N_("{code} {name}: status today {status}")
LEGAL_NO_HISTORY = N_("operating since its founding on {date}; no change recorded")
NOT_A_DAY_MONTH = N_("is not a day and month (use DD/MM, e.g. 01/01 or 15/12)")
SETTINGS_TITLE = N_("Registry settings")
SETTING_CHANGED = N_("Setting {key}: {old} -> {value}")
SETTING_UNCHANGED = N_("Setting {key} is already {value}; nothing changed")
SETTING_DEFAULT_NONE = N_("(not set)")
UNDONE_STATUS_REMOVED = N_("the status {status} of {code} from {date} was removed")
UNDONE_STATUS_RESTORED = N_("the status {status} of {code} from {date} is back")
UNDONE_SETTING = N_("the setting {key} has its earlier value again")
UNDONE_ISSUED = N_("report {number} is no longer recorded as issued (the registry's data is unchanged)")
# Workbook sheets of the report's place tables from 2025 (render/report.py, report_xlsx.py).
SHEET_COMMUNES = N_("Communes")
SHEET_FORMER_PROVINCES = N_("Former provinces")
# The report's legal-status table (render/report.py), shown when a status other than operating occurs.
REPORT_STATUS = N_("Legal status at the end of {year}")
REPORT_SECTION_STATUS = N_("Legal status")
REPORT_SECTION_STATUS_ON = N_("Legal status on {day} of each year")
SHEET_STATUS = N_("Legal status")
REPORT_REGISTERED = N_("Registered")
REPORT_OPERATING = N_("Operating")
REPORT_SUSPENDED = N_("Suspended")
REPORT_BEING_DISSOLVED = N_("Being dissolved")
REPORT_REVOKED = N_("Certificate revoked")
REPORT_RESUMED = N_("Resumed during the year")

# legal status fixes: the status today in list and show, argument names, wording (issue 17)
LEGAL_STANDING_SINCE = N_("{status} from {date}")
LEGAL_STANDING_UNTIL = N_("{status} from {date} until {until}")
HISTORY_STATUS_UNTIL = N_("{code}: {status} from {date} until {until}")
SETTING_KEY_NAMED = N_("{key} ({name})")

# --- places: the 2025 reform, addresses, places search and migrate --------------------------------

# addresses after the 2025 reform (htx places, --province, address history)
ADDRESS_FROM = N_("{address} (from {date})")
ADDRESS_BEFORE = N_("Address before {date}")
PLACE_UNMATCHED = N_("is in no official list of units (the closest: {names})")
PLACE_AMBIGUOUS = N_("is the name of several units: {names}; type it with its accents")
PLACE_NO_PROVINCE = N_(
    "cannot be matched to the official list without a province: give --province, or set the registry's "
    "with htx settings province"
)
SCHEME_NEW = N_("since 01/07/2025")
SCHEME_LEGACY = N_("before 01/07/2025")
PLACES_NONE = N_("No administrative unit matches {text!r}.")
PLACES_TITLE = N_("Administrative units matching {text!r}: {count}")
PLACES_SOURCE = N_("Source: {source}")
# The list's source names where its data come from ("from danhmuchanhchinh.gso.gov.vn and …"): said in
# the clerk's language, the sites as they are.
PLACES_SOURCE_FROM = N_("{package}; data from {sites}")
MIGRATE_MAPPED = N_("Mapped to their new commune: {count}")
MIGRATE_AMBIGUOUS = N_(
    "Left for you to settle (split communes, or names found in several provinces): {count}"
)
MIGRATE_NOT_FOUND = N_("Not found in the old list: {count}")
MIGRATE_CANDIDATES = N_("{code} {name}: {address} went into {candidates}{hint}; settle it with one of:")
MIGRATE_UNKNOWN = N_("{code} {name}: {address} is not in the old list{hint}")
MIGRATE_PROVINCE_HINT = N_(" (name the old province with --from-province)")
MIGRATE_ABANDONED = N_("Stopped: no address was changed.")
MIGRATE_DRY_RUN = N_("Dry run: nothing was written.")
MIGRATE_NOTHING = N_("No address to migrate: nothing was written.")
MIGRATE_CONFIRM = N_("Give {count} organisations their new address from 01/07/2025?")
MIGRATE_DONE = N_("Migrated {count} addresses (history entry #{entry}; htx undo reverts it).")
MIGRATE_NEEDS_YES = N_(
    "htx places migrate writes {count} addresses: run it at a terminal to confirm, or add --yes"
)
DISTRICT_EMPTY = N_("is empty; to find organisations without an address use --without-address")
UNKNOWN_COMMUNE = N_("is not a commune of the registry; known: {communes}")

# the report by commune and former province, from the 2025 reform on
REPORT_COMMUNES = N_("Communes at the end of {year}")
REPORT_FORMER_PROVINCES = N_("Former provinces at the end of {year}")
REPORT_SECTION_COMMUNES = N_("Communes at year end")
REPORT_SECTION_FORMER_PROVINCES = N_("Former provinces at year end")
REPORT_SECTION_COMMUNES_ON = N_("Communes on {day} of each year")
REPORT_SECTION_FORMER_PROVINCES_ON = N_("Former provinces on {day} of each year")
REPORT_AREA = N_("Area")
REPORT_FORMER_AREA = N_("Former {province} area")
REPORT_NO_COMMUNE = N_("(no commune)")
REPORT_NO_FORMER_PROVINCE = N_("(province unknown)")
REPORT_FORMER_DISTRICT = N_(
    "Warning: --district {district!r}: districts were abolished on 01/07/2025; on {day} the {count} "
    "organisation(s) registered in the former district {district} are in these communes: {communes}. "
    "To follow them use --commune, e.g. --commune {example!r}"
)
REPORT_FORMER_DISTRICT_UNPLACED = N_(
    "Warning: --district {district!r}: districts were abolished on 01/07/2025; on {day} no commune is "
    "known for any of the {count} organisation(s) registered in the former district {district}: their "
    "addresses were not moved to the new communes. Move them with: htx places migrate; then use --commune"
)
MIGRATE_CLOSEST = N_("; the closest: {names}")


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
