"""Find the dict literal behind a request body, or say why there is none to convert.

Only these shapes are rewritten: a dict literal written in the call, and a name bound once, in
the same scope or as a module's constant, to a dict literal that nothing changes afterwards but
appends of dict literals to its lists (``appends.py``). Everything else (a parameter, a loop variable, a function's result, a
model dump, a file, any other change) is reported.
"""

from __future__ import annotations

from collections.abc import Callable

import libcst as cst

from migrator.codemod.appends import PART_READS, followed
from migrator.codemod.binder import ASSIGN, LOOP, PARAM
from migrator.codemod.calls import callee_name, is_message_call, json_dumps_argument
from migrator.codemod.source import SourceModule

REFUSED = "refused"  # ``appended[literal]`` once a request sending it cannot follow its appends
MUTATORS = {"update", "setdefault", "pop", "popitem", "clear", "append", "extend", "insert", "remove", "__setitem__"}
MODEL_DUMPS = {"dict", "model_dump", "json", "model_dump_json", "to_dict", "asdict", "as_dict"}
FILE_LOADS = {"json.load", "json.loads", "yaml.safe_load", "yaml.load", "load", "loads", "read_text", "read"}


def find_dict(source: SourceModule, expr: cst.BaseExpression | None, call: cst.Call,
              site_calls: set[cst.Call], fail: Callable[[str, cst.CSTNode, str], None],
              appended: dict | None = None) -> cst.Dict | None:
    """The dict literal the body ``expr`` of ``call`` stands for: inline, or a name bound once to
    one in the same scope (or at module level) and not changed afterwards. None after ``fail(code, node, why)``.
    Given ``appended``, a literal whose only changes are appends of dict literals to its lists
    before the call (``appends.followed``) is returned too, its appends recorded there (or
    ``REFUSED`` once any request sending it cannot follow them)."""
    if expr is None:
        fail("PS701", call, "psmigrate cannot tell which argument is the request body")
        return None
    expr = json_dumps_argument(expr) or expr
    if isinstance(expr, cst.Dict):
        return expr
    if isinstance(expr, cst.Name):
        assignment = source.single_assignment(expr)
        if assignment is None:
            how = "bound more than once" if source.scopes.lookup(expr) else "not bound in this file"
            fail("PS701", expr, f"`{expr.value}` is {how}")
            return None
        if assignment.kind != ASSIGN:
            what = {PARAM: "a parameter, so the body is built in another function",
                    LOOP: "a loop variable"}.get(assignment.kind, "bound by unpacking, `with` or a statement")
            fail("PS701", expr, f"`{expr.value}` is {what}")
            return None
        value = assignment.value
        # A module's constant may be sent from a function: every read of it, in any scope, is
        # checked for changes below; a function's own dict reaches another only as a closure.
        if not source.same_scope(assignment, expr) and not isinstance(assignment.scope, cst.Module):
            fail("PS701", expr, f"`{expr.value}` is defined in another scope")
            return None
        if isinstance(value, cst.Dict):
            changes = changed_after(source, assignment, site_calls)
            if not changes:
                return value
            appends, refused = followed(source, expr.value, assignment, changes, [call])
            if appended is not None and not refused:
                if appended.get(value) is REFUSED:  # another request sending it reported why
                    return None
                appended[value] = appends
                return value
            if appended is not None:
                appended[value] = REFUSED
            lines = ", ".join(str(source.position(node)[0]) for node, _ in refused)
            blocked = f"this append alone could be followed, not the change{'s' if len(refused) > 1 else ''} " \
                f"on line {lines}" if refused else "psmigrate follows its appends only for a request body"
            found = refused + [(a.call, blocked) for a in appends]
            for changed, why in sorted(found, key=lambda f: source.position(f[0])):
                fail("PS701", changed, f"`{expr.value}` is changed after it is built: {why}")
            return None
        expr = value
    if isinstance(expr, cst.Call):
        name = cst.helpers.get_full_name_for_node(expr.func) or ""
        last = name.rsplit(".", 1)[-1]
        if name == "dict":
            fail("PS701", expr, "the body is built by `dict(...)`, whose keys psmigrate cannot follow")
        elif last in MODEL_DUMPS:
            fail("PS702", expr, f"the body is a model's `{last}()`; convert the model's fields")
        elif name in FILE_LOADS or last in FILE_LOADS:
            fail("PS702", expr, f"the body is loaded by `{name}()`; convert the file with `psmigrate convert`")
        else:
            fail("PS701", expr, f"the body is built by `{name or 'a call'}()`")
        return None
    fail("PS701", expr, "the body is not a dict literal")
    return None


def changed_after(source: SourceModule, assignment, site_calls: set[cst.Call]) -> list[cst.CSTNode]:
    """Every place that changes the dict bound by ``assignment``, passes it (or a list or dict
    in it) to a call that might, or gives such a part a second name, each to be reported at its
    own line."""
    found: list[cst.CSTNode] = []
    for node in source.scopes.references(assignment):
        top = node
        while True:
            parent = source.parents.get(top)
            if isinstance(parent, cst.Subscript) and parent.value is top \
                    or isinstance(parent, cst.Attribute) and parent.value is top:
                top = parent
            else:
                break
        parent = source.parents.get(top)
        if top is not node:
            if isinstance(parent, (cst.AssignTarget, cst.Del)) or isinstance(parent, cst.AugAssign) \
                    and parent.target is top:
                found.append(top)
            elif isinstance(top, cst.Attribute) and top.attr.value in MUTATORS and isinstance(parent, cst.Call):
                found.append(parent)
            elif isinstance(top, cst.Attribute) and top.attr.value in PART_READS and isinstance(parent, cst.Call) \
                    and _escapes(source, parent, site_calls):
                found.append(parent)
            elif isinstance(top, cst.Subscript) and _escapes(source, top, site_calls) \
                    and _may_hold_a_container(assignment.value, top):
                found.append(top)
            continue
        if isinstance(parent, cst.Arg):
            call = source.parents.get(parent)
            if isinstance(call, cst.Call) and not is_message_call(call) and call not in site_calls \
                    and json_dumps_argument(call) is None and callee_name(call) not in READ_ONLY:
                found.append(call)
        elif _aliased(parent, top):
            found.append(top)
    return found


READ_ONLY = {"len", "str", "repr", "bool", "isinstance", "id", "type", "hash", "deepcopy"}


def _aliased(parent: cst.CSTNode | None, node: cst.CSTNode) -> bool:
    """Whether ``node`` is given another name or put in another container."""
    return isinstance(parent, (cst.Assign, cst.AnnAssign, cst.NamedExpr)) and parent.value is node \
        or isinstance(parent, (cst.Element, cst.DictElement)) and parent.value is node


def _escapes(source: SourceModule, node: cst.CSTNode, site_calls: set[cst.Call]) -> bool:
    """Whether the part of the body ``node`` reads is handed to code that might change it: a
    second name, another container, a loop over it, a call's argument, a return."""
    parent = source.parents.get(node)
    if _aliased(parent, node) or isinstance(parent, (cst.Return, cst.Yield)):
        return True
    if isinstance(parent, (cst.For, cst.CompFor)) and parent.iter is node:
        return True
    if isinstance(parent, cst.Arg):
        call = source.parents.get(parent)
        return isinstance(call, cst.Call) and not is_message_call(call) and call not in site_calls \
            and json_dumps_argument(call) is None and callee_name(call) not in READ_ONLY
    return False


def _may_hold_a_container(literal: cst.BaseExpression | None, chain: cst.Subscript) -> bool:
    """Whether ``NAME[k1][k2]...`` may be a list or dict of the literal: a scalar written there
    cannot be changed through a second name."""
    keys = []
    while isinstance(chain, cst.Subscript):
        keys.append(chain.slice[0].slice if len(chain.slice) == 1 else None)
        chain = chain.value
    value = literal
    for key in reversed(keys):
        key = key.value if isinstance(key, cst.Index) else None
        if isinstance(value, cst.Dict) and isinstance(key, cst.SimpleString):
            value = next((e.value for e in value.elements if isinstance(e, cst.DictElement)
                          and isinstance(e.key, cst.SimpleString) and e.key.evaluated_value == key.evaluated_value),
                         None)
        elif isinstance(value, cst.List) and isinstance(key, cst.Integer):
            items = [e.value for e in value.elements if isinstance(e, cst.Element)]
            value = items[int(key.value)] if int(key.value) < len(items) else None
        else:
            return True
        if value is None:
            return True
    return isinstance(value, (cst.Dict, cst.List, cst.Tuple))
