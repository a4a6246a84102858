"""rate: one rating, or a session of them at a terminal."""

from __future__ import annotations

import re
from functools import partial
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from htxcli.cli.common import engine, say
from htxcli.domain import messages

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from htxcli.services.ratings import Grade, Ratable, RatingResult


def rate(
    ctx: typer.Context,
    code: Annotated[str | None, typer.Argument(help="Code of the organisation.")] = None,
    year: Annotated[str | None, typer.Argument(help="The year rated (or give --year).")] = None,
    grade: Annotated[
        list[str] | None,
        typer.Argument(
            help="good | fair | average | weak | unrated (or tốt, khá, trung bình, yếu, chưa xếp loại;"
            " no quotes needed)."
        ),
    ] = None,
    score: Annotated[
        str | None, typer.Option(help="0-100 under Circular 01/2020/TT-BKHĐT; alone, it sets the grade.")
    ] = None,
    note: Annotated[str | None, typer.Option()] = None,
    year_option: Annotated[
        str | None,
        typer.Option(
            "--year",
            metavar="YEAR",
            help="The year rated; without a CODE, at a terminal, asks for one code and grade after another.",
        ),
    ] = None,
) -> None:
    """Record an organisation's rating for a year; rating the same year again replaces it.

    Without a CODE, at a terminal, htx rate --year 2018 asks for one code and grade after another,
    saving each rating at once, until an empty code.

    \b
    Examples:
      htx rate 4700284512 2018 khá
      htx rate 4700284512 2018 --score 64
      htx rate --year 2018
    """
    words = list(grade or ())
    if year_option is not None:
        # With --year, every word after the code is the grade.
        if year is not None:
            words.insert(0, year)
        if words and re.fullmatch(r"[+-]?\d+", words[0]):
            _usage(messages.RATE_YEAR_TWICE.format(first=words[0], second=year_option))
        year = year_option
    if code is None:
        if year is None:
            _usage(messages.RATE_NEEDS_CODE)
        if score is not None or note is not None:
            _usage(messages.RATE_SESSION_OPTIONS)
        from htxcli.cli.prompts import at_terminal

        if not at_terminal():
            _usage(messages.RATE_SESSION_NEEDS_TERMINAL)
        _session(engine(ctx, create=False), year)
        return
    if year is None:
        _usage(messages.RATE_NEEDS_YEAR.format(code=code))
    grade_text = " ".join(words) or None
    if grade_text is not None and score is None:
        grade_text, score = _grade_and_score(grade_text)  # 'khá 70', as the rating session takes it
    if grade_text is None and score is None:
        from htxcli.domain.records import parse_rating_year

        parse_rating_year(year)  # a bad year is the first thing to fix
        _usage(messages.RATE_NEEDS_GRADE.format(code=code, year=year))
    from htxcli.services import ratings

    _confirm(ratings.rate(engine(ctx, create=False), code, year, grade_text, score, note))


def _usage(problem: str) -> NoReturn:
    """A command line that says too little: one line, and the exit code of usage errors."""
    from htxcli.domain.i18n import gettext

    say(gettext("Error: {message}").format(message=problem))  # Click's words, as every error line
    raise typer.Exit(2)


def _graded(rating: Grade) -> str:
    from htxcli.domain.vocab import GRADES

    grade = GRADES.spoken(rating.grade)  # the clerk's word: khá, not fair
    if rating.score is None:
        return grade
    return messages.GRADE_WITH_SCORE.format(grade=grade, score=rating.score)


def _confirm(result: RatingResult) -> None:
    if result.replaced is None:
        say(messages.RATED.format(code=result.code, year=result.year, grade=_graded(result.rating)))
    else:
        say(
            messages.RATED_AGAIN.format(
                code=result.code,
                year=result.year,
                old=_graded(result.replaced),
                grade=_graded(result.rating),
            )
        )


def _session(eng: Engine, year_text: str) -> None:
    """Ask for a code, then its grade or score, and save that rating at once in its own transaction;
    again until an empty code. Ctrl-D or Ctrl-C ends it too, keeping every rating saved so far."""
    from htxcli.cli.prompts import ask_until
    from htxcli.domain.records import parse_rating_year
    from htxcli.domain.vocab import GRADES
    from htxcli.services import ratings

    year = parse_rating_year(year_text)
    rated: set[str] = set()  # organisations, not answers: rating one again replaces its rating

    def organisation(text: str) -> Ratable | None:
        return ratings.ratable(eng, text, year) if text.strip() else None

    def save(target: Ratable, text: str) -> RatingResult | None:
        if not text.strip():
            return None
        grade, score = _grade_and_score(text)
        return ratings.rate(eng, target.code, year, grade, score, None)

    say(messages.SESSION_START.format(year=year, grades=", ".join(GRADES.keys)))
    try:
        while (target := ask_until(messages.PROMPT_RATING_CODE, organisation, "code")) is not None:
            if target.current is not None:
                say(
                    messages.SESSION_CURRENT.format(
                        code=target.code, grade=_graded(target.current), year=year
                    )
                )
            label = messages.PROMPT_RATING_GRADE.format(code=target.code, name=target.name)
            result = ask_until(label, partial(save, target), "grade")
            if result is None:
                say(messages.SESSION_SKIPPED.format(code=target.code))
                continue
            _confirm(result)
            rated.add(target.code)
    except EOFError:
        say("\n" + messages.SESSION_STOPPED.format(year=year, count=len(rated)))
        return
    except KeyboardInterrupt:
        say("\n" + messages.SESSION_STOPPED.format(year=year, count=len(rated)))
        raise typer.Exit(130) from None
    say(messages.SESSION_SUMMARY.format(year=year, count=len(rated)))


def _grade_and_score(text: str) -> tuple[str | None, str | None]:
    """What a clerk types for a rating: a grade ('trung bình'), a score ('64'), or both ('khá 70')."""
    words = text.split()
    if re.fullmatch(r"[+-]?\d+", words[-1]):
        return " ".join(words[:-1]) or None, words[-1]
    return text, None


def register(app: typer.Typer) -> None:
    app.command()(rate)
