"""What a request sends, for the planner: its JSON body (in the command, in a variable assigned
once, in a heredoc, or in a file beside the script) through ``convert``, written back in its
quoting; or the finding that says why not."""

from __future__ import annotations

from migrator.codemod import urls
from migrator.diagnostics import MigrationError, Severity
from migrator.shell import body as bodies
from migrator.shell.curl import Curl, cat_heredoc
from migrator.shell.findings import SHELL_FINDINGS


class Sends:
    def _body(self, call: Curl, reading) -> None:
        from migrator.convert import convert

        node = call.node
        if len(call.data) > 1:
            self.find(call.data[1].node, "PS807", "several data options: curl joins them with `&`, which is not JSON")
            return
        arg = call.data[0]
        if arg.from_file is not None:
            problem = self._body_file(arg.from_file, reading)
            if problem is not None:
                self.find(arg.node, "PS808", problem)
            return
        found, holder = arg.pieces, arg.node
        if len(found) == 1 and found[0].splice:
            assigned = self.vars.get(found[0].variable) if found[0].variable else None
            literal = assigned is not None and not all(p.splice for p in assigned.pieces)
            heredoc = cat_heredoc(assigned.node, self.data) if assigned is not None and not literal else None
            if not literal and heredoc is None:
                self.find(arg.node, "PS808", f"`{found[0].source}` is set where psmigrate cannot read it "
                          "(another file, a computed value, or more than one assignment)")
                return
            found, holder = heredoc if heredoc is not None else (assigned.pieces, assigned.node)
            self.claimed.append((assigned.node.start_byte, assigned.node.end_byte))
        try:
            tree, splices = bodies.read(found)
        except bodies.BodyError as exc:
            self.report(node, "PS807", Severity.ERROR, f"{SHELL_FINDINGS['PS807'].summary}: {exc}",
                        at=holder.start_byte if exc.at is None else exc.at)
            return
        endpoint = reading.target.v1 if reading.kind == "endpoint" and reading.target else None
        try:
            conversion = convert(tree, endpoint)
        except MigrationError as exc:
            if reading.kind == "v2" and exc.code in ("PS005", "PS006"):
                self._v2_body(node, holder, tree, reading)
                return
            self.report(node, exc.code, Severity.ERROR, f"curl body not converted: {exc.message}"
                        + (f" [{exc.pointer}]" if exc.pointer else ""), at=holder.start_byte)
            return
        if conversion.already_v2:
            self._bare_values(node, holder, tree, conversion.family)
            return
        family = urls.v2_family(reading.text) if reading.kind == "v2" else None
        if family is not None and family.v2 != conversion.family.v2:  # the body is another operation's
            self.find(node, "PS809", f"{family.v2}: the body is a v1 {conversion.endpoint.v1} body, for "
                      f"{conversion.family.v2}", at=holder.start_byte)
            return
        from migrator.rulebook import destination_codes

        destinations = destination_codes()  # a v1 output location v2 no longer writes (PS384)
        for note in conversion.diagnostics:
            self.report(node, note.code, note.severity, note.message + (f" [{note.pointer}]" if note.pointer else ""),
                        at=holder.start_byte, persist=note.code in destinations)
        style = bodies.style_of(found, self.region.newline, self.region.cmd)
        try:
            text = bodies.render(conversion.body, splices, style)
        except bodies.NeedsJsonText as exc:
            self.find(node, "PS808", str(exc), at=holder.start_byte)
            return
        self._bare_values(node, holder, conversion.body, conversion.family)
        start, end = holder.start_byte, holder.end_byte
        self.edit(node, start, end, text, "PS802", f"v1 {conversion.endpoint.v1} → {conversion.family.v2} body")

    def _body_file(self, name: str, reading) -> str | None:
        """What is wrong with the body file a curl sends, looked for beside the script; None when
        it is there and already v2 (curl reads it relative to where it runs: beside the script is
        the usual place, so a file found elsewhere, or not at all, stays reported)."""
        from pathlib import Path

        from migrator.convert import convert
        from migrator.diagnostics import InputError
        from migrator.source import SourceText

        advice = f"read from `{name}`: convert that file with `psmigrate convert --in-place {name}`"
        if self.base is None or "$" in name or name.startswith(("~", "-")):
            return advice
        path = Path(self.base) / name
        if not path.is_file():
            return advice + " (not found beside the script)"
        try:
            conversion = convert(SourceText.read(str(path)).parse(),
                                 reading.target.v1 if reading.kind == "endpoint" and reading.target else None,
                                 validate=False)
        except (InputError, MigrationError) as exc:
            return f"read from `{name}`, which psmigrate cannot convert: {exc.code} {exc.message}"
        except OSError as exc:
            return f"{advice} ({exc})"
        return None if conversion.already_v2 else f"`{name}` holds a v1 body: convert it with " \
                                                   f"`psmigrate convert --in-place {name}`"

    def _v2_body(self, node, holder, tree, reading) -> None:
        from migrator.convert import schema_problems

        family = urls.v2_family(reading.text)
        if family is None or family.schema_ is None:
            return
        problems = schema_problems(family.schema_, tree)
        if not problems:
            self._bare_values(node, holder, tree, family)
        if problems:
            pointer, sentence = problems[0]
            self.find(node, "PS809", f"{family.v2}: {sentence}" + (f" [{pointer}]" if pointer else ""),
                      at=holder.start_byte)

    def _bare_values(self, node, holder, tree, family) -> None:
        """A splice written where a JSON value goes (``"quality": '$Q'``) in a place where v2
        accepts only listed strings: whatever it holds at run time (v1's 1-7, say) is not checked
        by anyone before Adobe refuses it. Read from the v2 body, so it is said on every run."""
        from migrator import schemas

        bare: list[tuple] = []
        stand_in = _stand_in(tree, (), bare)
        if not bare or family.schema_ is None:
            return
        for path, choices in _enum_errors(schemas.iter_errors(family.schema_, stand_in), set(bare)):
            label = _at(tree, path).label
            pointer = "/" + "/".join(map(str, path))
            self.find(node, "PS814", f"`{label}` at {pointer}: v2 accepts only {choices}", at=holder.start_byte)


def _stand_in(value, path: tuple, bare: list[tuple]):
    from migrator.tree import JsonText, Opaque

    if isinstance(value, (Opaque, JsonText)):
        if isinstance(value, Opaque) and isinstance(value.node, str) and value.node.startswith(bodies.BARE_MARK):
            bare.append(path)
        return "\x00(set at run time)"
    if isinstance(value, dict):
        return {k: _stand_in(v, (*path, k), bare) for k, v in value.items()}
    if isinstance(value, list):
        return [_stand_in(v, (*path, i), bare) for i, v in enumerate(value)]
    return value


def _enum_errors(errors, paths: set[tuple]):
    seen = set()
    stack = list(errors)
    while stack:
        error = stack.pop()
        path = tuple(error.absolute_path)
        if error.validator == "enum" and path in paths and path not in seen:
            seen.add(path)
            yield path, ", ".join(f'"{v}"' for v in error.validator_value)
        stack.extend(error.context or ())


def _at(tree, path: tuple):
    for step in path:
        tree = tree[step]
    return tree
