"""Criteria sets as YAML: readable in a text editor, reviewable line by line in a diff."""

import yaml
from django.utils.translation import gettext as _

from criteria.spec import FormatError, SetSpec, spec_from_mapping, spec_to_mapping

MAX_BYTES = 1024 * 1024


class _Loader(yaml.SafeLoader):
    """The safe loader without anchors and aliases: a set never needs them, and refusing them keeps a
    small file from expanding into a huge document."""

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            mark = self.peek_event().start_mark
            raise FormatError([_("Line %(line)s: YAML aliases are not accepted.") % {"line": mark.line + 1}])
        return super().compose_node(parent, index)


def read_yaml(content: bytes | str) -> SetSpec:
    if len(content) > MAX_BYTES:
        raise FormatError([_("The file is larger than 1 MB.")])
    if isinstance(content, bytes):
        try:
            content = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise FormatError([_("The file is not UTF-8 text.")]) from None
    try:
        data = yaml.load(content, Loader=_Loader)  # a SafeLoader: plain data only
    except yaml.MarkedYAMLError as error:
        line = error.problem_mark.line + 1 if error.problem_mark else "?"
        raise FormatError([_("Line %(line)s: this is not valid YAML.") % {"line": line}]) from None
    except yaml.YAMLError:
        raise FormatError([_("This is not valid YAML.")]) from None
    return spec_from_mapping(data)


def write_yaml(spec: SetSpec) -> str:
    return yaml.safe_dump(spec_to_mapping(spec), allow_unicode=True, sort_keys=False, width=110)
