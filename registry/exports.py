"""Exports of the registry lists as .xlsx, declared as data: each column with what fills it.

The households export has the import's columns, one row per member with the household repeated on
each, so that a list exported, corrected in Excel and imported again updates the same households.
Citizen IDs are masked unless the user may see personal data.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import IO, Any

from django.db.models import Q, QuerySet

from areas.enums import Kind
from khuyenhoc.spreadsheets import Column, write_table
from registry.imports import clans, households, units, villages
from registry.imports.base import Context
from registry.models import Person


@dataclass(frozen=True)
class Field:
    column: Column
    value: Callable[[Any], Any]


def _id(unmask: bool) -> Callable[[Person], str]:
    return (lambda p: p.citizen_id) if unmask else (lambda p: p.masked_citizen_id())


def _dates() -> list[Field]:
    return [
        Field(Column("active_from", "Tính từ ngày", width=12), lambda row: row.active_from),
        Field(Column("active_to", "Thôi tính từ ngày", width=12), lambda row: row.active_to),
    ]


def _write(destination: IO[bytes], fields: list[Field], rows, *, title: str) -> None:
    write_table(destination, [f.column for f in fields], ([f.value(row) for f in fields] for row in rows), title=title)


def export_households(destination: IO[bytes], rows: QuerySet, *, context: Context, unmask: bool) -> None:
    """The members of the listed households (current ones; all of them for a household that ended)."""
    columns = {column.key: column for column in households.columns(context)}
    fields = [
        Field(columns["code"], lambda p: p.household.code),
        Field(columns["village"], lambda p: p.household.area.name),
        Field(columns["address"], lambda p: p.household.address),
        Field(columns["clan"], lambda p: str(p.household.clan) if p.household.clan else ""),
        Field(columns["name"], lambda p: p.full_name),
        Field(columns["relation"], lambda p: p.relation),
        Field(columns["birth_year"], lambda p: p.birth_year),
        Field(columns["gender"], lambda p: p.get_gender_display()),
        Field(columns["labour_group"], lambda p: p.get_labour_group_display()),
        Field(columns["citizen_id"], _id(unmask)),
        Field(columns["unit"], lambda p: p.unit.name if p.unit else ""),
    ]
    people = (
        Person.objects.filter(household__in=rows.values("pk"))
        .filter(Q(active_to__isnull=True) | Q(household__active_to__isnull=False))
        .select_related("household__area", "household__clan", "unit")
        .order_by("household__code", "-is_head", "pk")
    )
    _write(destination, fields, people.iterator(chunk_size=2000), title=households.SPEC.title)


def export_persons(destination: IO[bytes], rows: QuerySet, *, unmask: bool) -> None:
    fields = [
        Field(Column("name", "Họ và tên", width=24), lambda p: p.full_name),
        Field(Column("birth_year", "Năm sinh", width=10), lambda p: p.birth_year),
        Field(Column("gender", "Giới tính", width=10), lambda p: p.get_gender_display()),
        Field(Column("labour_group", "Nhóm lao động", width=28), lambda p: p.get_labour_group_display()),
        Field(Column("code", "Mã hộ", width=12), lambda p: p.household.code if p.household else ""),
        Field(Column("relation", "Quan hệ với chủ hộ", width=14), lambda p: p.relation),
        Field(Column("area", "Thôn/Tổ dân phố", width=24), lambda p: p.area.name),
        Field(Column("unit", "Nơi công tác", width=24), lambda p: p.unit.name if p.unit else ""),
        Field(Column("citizen_id", "Số CCCD", text=True, width=16), _id(unmask)),
        *_dates(),
    ]
    _write(destination, fields, rows.iterator(chunk_size=2000), title="Nhân khẩu")


def export_clans(destination: IO[bytes], rows: QuerySet, *, context: Context) -> None:
    columns = clans.columns(context)
    fields = [Field(column, lambda c, key=column.key: getattr(c, key)) for column in columns]
    fields += [Field(Column("households", "Số hộ", width=10), lambda c: c.household_count), *_dates()]
    _write(destination, fields, rows, title=clans.SPEC.title)


def export_units(destination: IO[bytes], rows: QuerySet, *, context: Context) -> None:
    columns = {column.key: column for column in units.columns(context)}
    fields = [
        Field(columns["code"], lambda u: u.code),
        Field(columns["name"], lambda u: u.name),
        Field(columns["kind"], lambda u: u.get_kind_display()),
        Field(columns["village"], lambda u: u.area.name if u.area_id != u.commune_id else ""),
        Field(columns["staff_count"], lambda u: u.staff_count),
        Field(Column("staff_listed", "Số người trong danh sách", width=12), lambda u: u.staff_listed),
        *_dates(),
    ]
    _write(destination, fields, rows, title=units.SPEC.title)


def export_communities(destination: IO[bytes], rows: QuerySet, *, context: Context) -> None:
    columns = {column.key: column for column in villages.columns(context)}
    fields = [
        Field(columns["commune"], lambda v: v.parent.code),
        Field(columns["name"], lambda v: v.name),
        Field(columns["kind"], lambda v: Kind(v.kind).label),
        Field(Column("households", "Số hộ", width=10), lambda v: v.household_count),
        Field(Column("persons", "Số nhân khẩu", width=12), lambda v: v.person_count),
    ]
    _write(destination, fields, rows.select_related("parent"), title=villages.SPEC.title)
