"""The component table: what each Flow JSON component is, in one place.

One :class:`ComponentSpec` per component type says which versions have it, where it may stand, its
properties (kind, since-version, enums, Meta's limits and the docs-only limits that are warnings), the type
of its value as ``${form.x}``, its option list and its per-screen maximum. The rest of flowlint reads these
facts from here instead of restating them:

- ``flowlint.schema.build`` builds each component's JSON Schema from its properties (``schemas/``);
- ``flowlint.rules.model`` (value types, option lists, input components), ``flowlint.rules.dynamic_data``,
  ``flowlint.rules.property_schemas`` (which components have a Form variant), ``flowlint.rules.limits``
  (per-screen maxima) and ``flowlint.schema.docs_limits`` (the docs-only limits) take their type sets from it;
- ``tests/schema/fixtures.py`` takes a valid example and the required properties of each component.

Adding a component is one :class:`ComponentSpec` in :data:`COMPONENTS` (``docs/design.md``, "Adding a
component"). Property kinds (:data:`KINDS`) name the JSON Schema shapes ``flowlint.schema.build`` knows.

Sources: Meta's validator (``spec/meta-validator.md`` §3-4, corrected by the recorded answers in
``conformance/meta/README.md``), Meta's components reference (``spec/flowjson.md`` §5, §9), pywa's
``pywa/types/flows.py`` "Added in vX" notes where Meta's pages say nothing. Comments name the conformance
case that settles a fact. This module is read on every run (the flow model imports it): plain classes, no
dataclasses, nothing imported.
"""

from __future__ import annotations

from typing import Any, Iterable, Mapping

__all__ = [
    "Prop",
    "ComponentSpec",
    "COMPONENTS",
    "OPTION_ITEM",
    "OPTION_ITEM_MEDIA",
    "KINDS",
    "vnum",
    "known",
    "since_of",
    "top_order",
    "form_order",
    "form_value_kinds",
    "type_maxima",
]

# Sources named in the schemas' descriptions (users read them in their editors: public sources only).
MV = "Meta's Flow JSON validator (WhatsApp Manager's Flow Builder)"
PYWA = "pywa/types/flows.py (github.com/david-lev/pywa)"
COMPONENTS_DOC = "https://developers.facebook.com/docs/whatsapp/flows/reference/components"

#: A 6-digit hex colour (Meta's ``HEX_COLOR_PATTERN``; ``flowlint.schema.meta_port.schema`` has it too,
#: and a test holds the two equal).
HEX_COLOUR = r"^#([A-Fa-f0-9]{6})$"

#: Property kinds: the JSON Schema shape of a property, as ``flowlint.schema.build`` writes it per version.
#: Those marked True take a ``${...}`` binding (or, from 6.0, a backtick expression) as their value.
KINDS: dict[str, bool] = {
    "text": True,  # a string or an array of lines (TextHeading...); a binding is a string
    "string": True,  # non-blank from 6.0; ``min_length``
    "plain-string": False,  # any string, no version rule
    "regex": False,  # a string in ECMA-262 regular expression syntax
    "bool": True,  # a boolean or a binding
    "plain-bool": False,
    "number": True,  # a number or a binding
    "integer": True,  # an integer (``minimum``/``maximum``) or, when ``binding``, a binding
    "enum": True,  # one of ``values``, or, when ``binding``, a binding
    "name": False,  # a field name: from 6.0 non-blank, not a binding, not a backtick expression
    "error-message": True,  # a string, or (CalendarPicker range mode) an object
    "strings": True,  # an array of strings or a binding
    "enum-array": True,  # an array of ``values`` or a binding
    "options": True,  # the data-source option list (:data:`OPTION_ITEM`) or a binding
    "action": False,  # an action named one of ``actions`` (each with its since-version)
    "string-or-range": True,  # a string, or (CalendarPicker range mode) an object
    "bool-or-range": True,
    "list": True,  # an array of ``item`` objects (a shared definition named ``ref``) or a binding
    "object": False,  # a closed object of ``props``
    "plain-strings": False,  # an array of strings, ``max_items``
    "object-or-binding": True,
    "messages": True,  # the Form's error-messages: an object (of strings before 6.0) or a binding
    "children": False,  # components, in the place of the container (If: inside a Form or not)
    "form-children": False,  # the components of a Form
    "cases": False,  # the Switch cases: components per case key
}


def vnum(text: str) -> int:
    """``"6.3"`` -> 603, the number Meta's validator compares versions by."""
    major, minor = text.split(".")
    return int(major) * 100 + int(minor)


class Prop:
    """One property of a component (or of a nested object): its kind and the facts about it."""

    __slots__ = (
        "key", "kind", "since", "outside_form_only", "values", "actions", "binding", "minimum", "maximum",
        "min_length", "min_items", "max_items", "pattern", "docs_max_chars", "doc", "ref", "item", "props",
        "required",
    )

    def __init__(
        self,
        key: str,
        kind: str,
        *,
        since: str = "2.1",
        outside_form_only: bool = False,
        values: tuple[str, ...] = (),
        actions: tuple[tuple[str, str], ...] = (),
        binding: bool = True,
        minimum: int | None = None,
        maximum: int | None = None,
        min_length: int | None = None,
        min_items: int | None = None,
        max_items: int | None = None,
        pattern: str | None = None,
        docs_max_chars: int | None = None,
        doc: str | None = None,
        ref: str | None = None,
        item: Prop | None = None,
        props: tuple[Prop, ...] = (),
        required: tuple[str, ...] | None = None,
    ) -> None:
        assert kind in KINDS, kind
        self.key = key
        self.kind = kind
        #: The first version that has it.
        self.since = since
        #: Only on a component outside a Form (4.0+); inside a Form the Form's init-values/error-messages hold it.
        self.outside_form_only = outside_form_only
        #: The enum values (kinds ``enum``, ``enum-array``).
        self.values = values
        #: The action names a kind ``action`` takes, each with the version that allows it.
        self.actions = actions
        #: Whether a binding is accepted instead of the value (kinds ``enum`` and ``integer``).
        self.binding = binding
        #: Meta's limits (its validator rejects a value beyond them).
        self.minimum = minimum
        self.maximum = maximum
        self.min_length = min_length
        self.min_items = min_items
        self.max_items = max_items
        #: A pattern the string must match besides Meta's own string rules (an ECMA-262 regular expression).
        self.pattern = pattern
        #: The character limit that only Meta's components reference states: a warning (FL920), never an error.
        self.docs_max_chars = docs_max_chars
        #: The description, when the shared one of this property name does not fit (nested objects).
        self.doc = doc
        #: Kind ``list``: the name of the shared item definition and the item (a kind ``object``).
        self.ref = ref
        self.item = item
        #: Kind ``object``: its properties and required names (None: no ``required`` keyword).
        self.props = props
        self.required = required

    @property
    def bindable(self) -> bool:
        """Whether a ``${...}`` binding may stand for the value."""
        return KINDS[self.kind] and self.binding

    def action_names(self, version: str) -> list[str]:
        """The action names allowed in ``version`` (kind ``action``)."""
        return [name for name, since in self.actions if vnum(version) >= vnum(since)]

    def __repr__(self) -> str:
        return f"Prop({self.key!r}, {self.kind!r})"


class ComponentSpec:
    """One component type: versions, places, properties, value, option list, limits, an example."""

    __slots__ = (
        "type", "since", "props", "required", "required_since", "top_since", "in_form", "in_switch_case",
        "value", "value_when", "options_key", "items_actions", "max_per_screen", "docs_items",
        "docs_items_with_images", "meta_input", "schema_extra", "example",
    )

    def __init__(
        self,
        type: str,
        *,
        since: str,
        props: tuple[Prop, ...],
        required: tuple[str, ...],
        example: Mapping[str, Any],
        required_since: Mapping[str, str] | None = None,
        top_since: str | None = None,
        in_form: bool = True,
        in_switch_case: bool = True,
        value: str | None = None,
        value_when: tuple[str, tuple[str, ...], str] | None = None,
        options_key: str | None = None,
        items_actions: bool = False,
        max_per_screen: tuple[int, str] | None = None,
        docs_items: tuple[int, int] | None = None,
        docs_items_with_images: int | None = None,
        meta_input: bool = False,
        schema_extra: Mapping[str, Any] | None = None,
    ) -> None:
        self.type = type
        #: The first Flow JSON version that has the component (none has been removed).
        self.since = since
        #: Its properties in Meta's order (``type`` is implied).
        self.props = props
        #: Required property names, in Meta's order; ``required_since``: those required only from a version.
        self.required = required
        self.required_since = dict(required_since or {})
        #: Places. ``top_since``: the first version where it may stand outside a Form (default: ``since``);
        #: ``in_form``: it may stand inside a Form; ``in_switch_case``: inside a Switch case. If and Switch
        #: children follow the place of the If or Switch.
        self.top_since = top_since or since
        self.in_form = in_form
        self.in_switch_case = in_switch_case
        #: The type of its value as ``${form.<name>}`` (None: it holds no value; ``media``: Meta's
        #: NATIVE_COMPONENTS_SCHEMA, an array of media objects). ``value_when``: (property, values, type):
        #: the value has that type when the property has one of those values.
        self.value = value
        self.value_when = value_when
        #: The property holding its option list, and whether the options carry actions Meta's data model
        #: collects (``data-source``; NavigationList items' actions are invisible to it).
        self.options_key = options_key
        self.items_actions = items_actions
        #: Meta's per-screen maximum and the version from which it applies (ComponentTypePerScreen).
        self.max_per_screen = max_per_screen
        #: The option count (min, max) only Meta's components reference states (FL921), and the maximum
        #: when an option has an image.
        self.docs_items = docs_items
        self.docs_items_with_images = docs_items_with_images
        #: In OptionalFormValidatorV500's list of input components (a screen with any needs a Form...).
        self.meta_input = meta_input
        #: JSON Schema keywords of the component beyond its properties (``dependentRequired``, ``not``).
        self.schema_extra = dict(schema_extra or {})
        #: A small valid instance (the tests' fixtures).
        self.example = example

    def has(self, version: str) -> bool:
        return vnum(version) >= vnum(self.since)

    def required_in(self, version: str) -> list[str]:
        return [k for k in self.required if vnum(version) >= vnum(self.required_since.get(k, "2.1"))]

    @property
    def has_form_variant(self) -> bool:
        """Whether its schema differs inside a Form (Meta's ``*_NO_FORM`` component references)."""
        return any(p.outside_form_only or p.kind in ("children", "cases") for p in self.props)

    def __repr__(self) -> str:
        return f"ComponentSpec({self.type!r})"


# --- shared property shapes ------------------------------------------------------------------------------

_DX = ("data_exchange", "2.1")
_UPDATE = ("update_data", "2.1")
_UPDATE_600 = ("update_data", "6.0")
_NAV = ("navigate", "2.1")
_SELECT_ACTIONS = (_DX, _UPDATE_600)  # on-select-action of the option lists: update_data from 6.0
_LINK_ACTIONS = (_DX, _NAV, ("open_url", "6.0"))


def _bool(key: str, **kw: Any) -> Prop:
    return Prop(key, "bool", **kw)


def _str(key: str, **kw: Any) -> Prop:
    return Prop(key, "string", **kw)


def _visible() -> Prop:
    return _bool("visible")


def _enabled() -> Prop:
    return _bool("enabled")


def _required() -> Prop:
    return _bool("required")


def _name() -> Prop:
    return Prop("name", "name")


def _init(kind: str = "string", since: str = "4.0") -> Prop:
    return Prop("init-value", kind, since=since, outside_form_only=True)


def _error(since: str = "4.0", **kw: Any) -> Prop:
    return Prop("error-message", "error-message", since=since, outside_form_only=True, **kw)


def _action(key: str, actions: Iterable[tuple[str, str]], **kw: Any) -> Prop:
    return Prop(key, "action", actions=tuple(actions), **kw)


def _label_variant() -> Prop:
    return Prop("label-variant", "enum", values=("large",), since="7.0")  # not before 7.0: schema-label-variant-v6-3


_TEXT_WEIGHTS = ("bold", "italic", "bold_italic", "normal")  # schema-enum-font-weight
_WEEK_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")  # schema-enum-include-days
_DATA_SOURCE = Prop("data-source", "options", min_items=1)


def _text_component(ctype: str, chars: int, *, body: bool = False) -> ComponentSpec:
    props: tuple[Prop, ...] = (Prop("text", "text", docs_max_chars=chars),)
    if body:
        props += (
            Prop("font-weight", "enum", values=_TEXT_WEIGHTS),
            _bool("strikethrough"),
            _visible(),
            Prop("markdown", "plain-bool", since="5.1"),
        )
    else:
        props += (_visible(),)
    example: dict[str, Any] = {"type": ctype, "text": "Hello"}
    if ctype == "TextBody":
        example["font-weight"] = "bold"
    return ComponentSpec(ctype, since="2.1", props=props, required=("text",), example=example)


def _option_group(ctype: str, *, label_chars: int, example_name: str, example_label: str) -> ComponentSpec:
    """CheckboxGroup and RadioButtonsGroup: the same properties, plus selection counts for CheckboxGroup."""
    counts: tuple[Prop, ...] = ()
    if ctype == "CheckboxGroup":
        # >= 0: conformance case schema-minimum-min-selected-items.
        counts = (Prop("min-selected-items", "integer", minimum=0), Prop("max-selected-items", "integer", minimum=1))
    return ComponentSpec(
        ctype,
        since="2.1",
        props=(
            _DATA_SOURCE,
            _name(),
            _str("label", docs_max_chars=label_chars),
            _str("description", since="4.0"),
            *counts,
            _required(),
            _visible(),
            _enabled(),
            Prop("media-size", "enum", values=("regular", "large"), since="5.0"),
            _action("on-select-action", _SELECT_ACTIONS),
            _action("on-unselect-action", (_UPDATE,), since="6.0"),
            _init("strings" if ctype == "CheckboxGroup" else "string"),
            _error(),
        ),
        # label became required in 4.0 (spec/flowjson.md §5.4, Meta's components page).
        required=("data-source", "name", "label"),
        required_since={"label": "4.0"},
        top_since="4.0",
        value="array" if ctype == "CheckboxGroup" else "string",
        options_key="data-source",
        items_actions=True,
        docs_items=(1, 20),
        meta_input=True,
        example={"type": ctype, "name": example_name, "label": example_label, "data-source": [{"id": "a", "title": "A"}]},
    )


def _media_picker(ctype: str) -> ComponentSpec:
    noun = "photos" if ctype == "PhotoPicker" else "documents"
    choice = (
        (Prop("photo-source", "enum", values=("camera_gallery", "camera", "gallery")),)
        if ctype == "PhotoPicker"
        else ()
    )
    mime = (Prop("allowed-mime-types", "strings"),) if ctype == "DocumentPicker" else ()
    return ComponentSpec(
        ctype,
        since="4.0",
        props=(
            _name(),
            _str("label"),
            _str("description"),
            *choice,
            # Plain integers, no binding alternative: conformance cases schema-maximum-max-file-size-kb,
            # schema-minimum-max-uploaded-photos and schema-type-integer-given-float show one error only.
            Prop("max-file-size-kb", "integer", binding=False, minimum=1, maximum=25600),
            Prop(f"min-uploaded-{noun}", "integer", binding=False, minimum=0, maximum=30),
            Prop(f"max-uploaded-{noun}", "integer", binding=False, minimum=1, maximum=30),
            *mime,
            _enabled(),
            _visible(),
            # Outside a Form only: conformance case schema-error-message-photo-picker-inside-form.
            _error(since="2.1"),
        ),
        required=("name", "label"),
        value="media",
        max_per_screen=(1, "5.1"),
        meta_input=True,
        example={"type": ctype, "name": "photo" if ctype == "PhotoPicker" else "doc",
                 "label": "Photo" if ctype == "PhotoPicker" else "Document"},
    )


def _plain(key: str, doc: str) -> Prop:
    return Prop(key, "plain-string", doc=doc)


_NAVIGATION_ITEM = Prop(
    "item",
    "object",
    required=("id", "main-content"),
    props=(
        _str("id", doc=f"Item identifier. Source: {COMPONENTS_DOC}."),
        Prop(
            "main-content",
            "object",
            required=("title",),
            props=(
                _plain("title", f"Item title. Source: {COMPONENTS_DOC}."),
                _plain("description", f"Item description. Source: {COMPONENTS_DOC}."),
                _plain("metadata", f"Item metadata. Source: {COMPONENTS_DOC}."),
            ),
            doc=f"The main text of the item. Source: {COMPONENTS_DOC}.",
        ),
        Prop(
            "start",
            "object",
            props=(
                _plain("image", f"Base64 image. Source: {COMPONENTS_DOC}."),
                _plain("alt-text", f"Accessibility text of the image. Source: {COMPONENTS_DOC} (Navigation List)."),
            ),
            doc=f"Leading image. Source: {COMPONENTS_DOC}.",
        ),
        Prop(
            "end",
            "object",
            props=(
                _plain("title", f"Trailing title. Source: {COMPONENTS_DOC}."),
                _plain("description", f"Trailing description. Source: {COMPONENTS_DOC}."),
                _plain("metadata", f"Trailing metadata. Source: {COMPONENTS_DOC}."),
            ),
            doc=f"Trailing add-on (1-2 keys, checked by the semantic pass). Source: {COMPONENTS_DOC}.",
        ),
        _plain("badge", f"Badge text; at most one item per list. Source: {COMPONENTS_DOC}."),
        # spec/meta-validator.md §4.1 MAX_TAGS; conformance case schema-max-items-tags.
        Prop("tags", "plain-strings", max_items=3, doc=f"At most 3 tags. Source: {MV}."),
        _action("on-click-action", (_DX, _NAV), doc=f"The item's own action. Source: {COMPONENTS_DOC}."),
    ),
)

_CAROUSEL_IMAGE = Prop(
    "image",
    "object",
    required=("src", "alt-text"),
    props=(
        _str("src", doc=f"Base64 image data. Source: {COMPONENTS_DOC}."),
        _str("alt-text", doc=f"Accessibility text. Source: {COMPONENTS_DOC}."),
    ),
)

#: An option of a ``data-source`` list (CheckboxGroup, RadioButtonsGroup, Dropdown, ChipsSelector). Required:
#: spec/meta-validator.md §3.5 getRequiredDataSourceAttributes; ``color``, ``image`` and ``alt-text`` come
#: with the media variant (5.0+), the actions in 6.0 (pywa DataSource "added in v6.0"). The docs-only
#: character limits are FL920 warnings.
OPTION_ITEM: tuple[Prop, ...] = (
    _str("id"),
    _str("title", docs_max_chars=30),
    _str("description", docs_max_chars=300),
    _str("metadata", docs_max_chars=20),
    _bool("enabled"),
    _str("color", since="5.0", pattern=HEX_COLOUR),
    _str("image", since="5.0"),
    _str("alt-text", since="5.0"),
    _action("on-select-action", (_DX, _UPDATE), since="6.0"),
    _action("on-unselect-action", (_DX, _UPDATE), since="6.0"),
)
#: The properties of the image-capable option variant that Meta tries first from 5.0 (conformance case
#: schema-color-pattern: both variants' errors are reported).
OPTION_ITEM_MEDIA = frozenset({"color", "image", "alt-text"})


# --- the table ---------------------------------------------------------------------------------------------

#: Every component type Meta knows (``WAFlowJSONConstants.WA_FLOW_JSON_COMPONENT_TYPE``), in the order of
#: Meta's list of components outside a Form (spec/meta-validator.md §3.4; newer ones appended).
COMPONENTS: dict[str, ComponentSpec] = {
    spec.type: spec
    for spec in (
        ComponentSpec(
            "EmbeddedLink",
            since="2.1",
            props=(
                _str("text", docs_max_chars=25),
                _action("on-click-action", _LINK_ACTIONS),
                _visible(),
            ),
            required=("text", "on-click-action"),
            max_per_screen=(2, "5.1"),
            example={"type": "EmbeddedLink", "text": "More", "on-click-action": {"name": "data_exchange", "payload": {}}},
        ),
        ComponentSpec(
            "Footer",
            since="2.1",
            props=(
                _str("label", min_length=1, docs_max_chars=35),
                _str("left-caption", docs_max_chars=15),
                _str("center-caption", docs_max_chars=15),
                _str("right-caption", docs_max_chars=15),
                _enabled(),
                _action("on-click-action", (_DX, _NAV, ("complete", "2.1"))),
            ),
            required=("label", "on-click-action"),
            # conformance cases schema-dependencies-footer-captions, schema-not-footer-center-with-sides.
            schema_extra={
                "dependentRequired": {"left-caption": ["right-caption"], "right-caption": ["left-caption"]},
                "not": {
                    "required": ["center-caption"],
                    "anyOf": [{"required": ["left-caption"]}, {"required": ["right-caption"]}],
                },
            },
            max_per_screen=(1, "5.1"),
            example={"type": "Footer", "label": "Done", "on-click-action": {"name": "complete", "payload": {}}},
        ),
        ComponentSpec(
            "Form",
            since="2.1",
            props=(
                _str("name", min_length=1),
                Prop("children", "form-children"),
                Prop("init-values", "object-or-binding"),
                Prop("error-messages", "messages"),
            ),
            required=("name", "children"),
            in_form=False,
            max_per_screen=(1, "7.0"),
            example={"type": "Form", "name": "form",
                     "children": [{"type": "TextInput", "name": "email", "label": "Email"}]},
        ),
        _text_component("TextBody", 4096, body=True),
        _text_component("TextCaption", 409, body=True),
        _text_component("TextHeading", 80),
        _text_component("TextSubheading", 80),
        ComponentSpec(
            "Image",
            since="2.1",
            props=(
                _str("src"),
                Prop("width", "integer"),
                Prop("height", "integer"),
                Prop("scale-type", "enum", values=("cover", "contain")),
                Prop("aspect-ratio", "number"),
                _str("alt-text"),
                _visible(),
            ),
            required=("src",),
            max_per_screen=(3, "5.1"),
            example={"type": "Image", "src": "iVBORw0KGgo="},
        ),
        ComponentSpec(
            "TextInput",
            since="2.1",
            props=(
                _str("label", min_length=1, docs_max_chars=20),
                Prop("input-type", "enum", values=("text", "number", "password", "passcode", "phone", "email"),
                     binding=False),
                # helper-text needed: spec/meta-validator.md §2.3 TextInputPatternFieldV602.
                Prop("pattern", "regex", since="6.2"),
                _required(),
                Prop("min-chars", "number"),
                Prop("max-chars", "number"),
                _str("helper-text", docs_max_chars=80),
                _name(),
                _enabled(),
                _visible(),
                _label_variant(),
                _init(),
                _error(docs_max_chars=30),
            ),
            required=("name", "label"),
            top_since="4.0",
            value="string",
            value_when=("input-type", ("number", "passcode"), "number"),
            meta_input=True,
            example={"type": "TextInput", "name": "email", "label": "Email", "input-type": "email", "required": True},
        ),
        ComponentSpec(
            "TextArea",
            since="2.1",
            props=(
                _str("label", docs_max_chars=20),
                _required(),
                Prop("max-length", "number"),
                _str("helper-text", docs_max_chars=80),
                _name(),
                _enabled(),
                _visible(),
                _label_variant(),
                _init(),
                _error(),
            ),
            required=("name", "label"),
            top_since="4.0",
            value="string",
            meta_input=True,
            example={"type": "TextArea", "name": "notes", "label": "Notes"},
        ),
        _option_group("CheckboxGroup", label_chars=30, example_name="extras", example_label="Extras"),
        _option_group("RadioButtonsGroup", label_chars=30, example_name="service", example_label="Service"),
        ComponentSpec(
            "Dropdown",
            since="2.1",
            props=(
                _str("label", docs_max_chars=20),
                _DATA_SOURCE,
                _name(),
                _enabled(),
                _required(),
                _visible(),
                _action("on-select-action", _SELECT_ACTIONS),
                _action("on-unselect-action", (_UPDATE,), since="6.0"),
                _init(),
                _error(),
            ),
            required=("label", "data-source", "name"),
            top_since="4.0",
            value="string",
            options_key="data-source",
            items_actions=True,
            docs_items=(1, 200),
            docs_items_with_images=100,
            meta_input=True,
            example={"type": "Dropdown", "name": "city", "label": "City", "data-source": [{"id": "a", "title": "A"}]},
        ),
        ComponentSpec(
            "DatePicker",
            since="2.1",
            props=(
                _str("label", min_length=1, docs_max_chars=40),
                _name(),
                _str("min-date"),
                _str("max-date"),
                Prop("unavailable-dates", "strings"),
                _str("helper-text", docs_max_chars=80),
                _enabled(),
                _required(),
                _visible(),
                _action("on-select-action", (_DX,)),
                _init(),
                _error(docs_max_chars=80),
            ),
            required=("label", "name"),
            top_since="4.0",
            value="string",
            meta_input=True,
            example={"type": "DatePicker", "name": "day", "label": "Day"},
        ),
        ComponentSpec(
            "If",
            since="4.0",
            props=(Prop("condition", "plain-string"), Prop("then", "children"), Prop("else", "children")),
            required=("condition", "then"),
            # An If inside a Switch case is rejected (conformance case schema-one-of-if-inside-switch).
            in_switch_case=False,
            example={"type": "If", "condition": "${data.show}", "then": [{"type": "TextBody", "text": "Hi"}]},
        ),
        ComponentSpec(
            "Switch",
            since="4.0",
            props=(Prop("value", "plain-string"), Prop("cases", "cases")),
            required=("value", "cases"),
            example={"type": "Switch", "value": "${data.kind}", "cases": {"a": [{"type": "TextBody", "text": "A"}]}},
        ),
        _media_picker("PhotoPicker"),
        _media_picker("DocumentPicker"),
        ComponentSpec(
            "OptIn",
            since="2.1",
            props=(
                _str("label", docs_max_chars=120),
                _name(),
                _required(),
                _visible(),
                _action("on-click-action", _LINK_ACTIONS),
                _action("on-select-action", (_UPDATE,), since="6.0"),
                _action("on-unselect-action", (_UPDATE,), since="6.0"),
                _init("bool"),
            ),
            required=("label", "name"),
            top_since="4.0",
            value="boolean",
            max_per_screen=(5, "5.1"),
            meta_input=True,
            example={"type": "OptIn", "name": "terms", "label": "I agree"},
        ),
        ComponentSpec(
            "RichText",
            since="5.1",
            props=(Prop("text", "text"), _visible()),
            required=("text",),
            in_form=False,
            example={"type": "RichText", "text": ["# Title", "Body"]},
        ),
        ComponentSpec(
            "CalendarPicker",
            since="6.1",
            props=(
                _name(),
                _str("title", docs_max_chars=80),
                _str("description", docs_max_chars=300),
                Prop("label", "string-or-range"),
                Prop("helper-text", "string-or-range"),
                Prop("required", "bool-or-range"),
                _visible(),
                _enabled(),
                Prop("mode", "enum", values=("single", "range")),
                _str("min-date"),
                _str("max-date"),
                Prop("unavailable-dates", "strings"),
                Prop("include-days", "enum-array", values=_WEEK_DAYS),
                Prop("min-days", "integer"),
                Prop("max-days", "integer"),
                _action("on-select-action", (_DX,)),
                _init("string-or-range", since="2.1"),
                _error(since="2.1"),
            ),
            required=("name", "label"),
            value="string",
            value_when=("mode", ("range",), "object"),
            example={"type": "CalendarPicker", "name": "day", "label": "Day"},
        ),
        ComponentSpec(
            "NavigationList",
            since="6.2",
            props=(
                _name(),
                Prop("list-items", "list", ref="navigation-list.item", item=_NAVIGATION_ITEM, min_items=1),
                _str("label"),
                _str("description"),
                Prop("media-size", "enum", values=("small", "regular", "large")),
                _action("on-click-action", (_DX, _NAV)),
            ),
            required=("name", "list-items"),
            value="string",
            options_key="list-items",
            max_per_screen=(2, "5.1"),
            docs_items=(1, 20),
            example={
                "type": "NavigationList",
                "name": "menu",
                "list-items": [{"id": "a", "main-content": {"title": "A"}}],
                "on-click-action": {"name": "data_exchange", "payload": {}},
            },
        ),
        ComponentSpec(
            "ChipsSelector",
            since="6.3",
            props=(
                _name(),
                _DATA_SOURCE,
                _str("label"),
                _str("description"),
                Prop("min-selected-items", "integer", minimum=0),
                Prop("max-selected-items", "integer", minimum=1),
                _required(),
                _visible(),
                _enabled(),
                _action("on-select-action", (_DX, _UPDATE)),
                # conformance case schema-chips-on-unselect-action-v6-3; pywa "Added in v7.1".
                _action("on-unselect-action", (_UPDATE,), since="7.1"),
                _init("strings", since="2.1"),
                _error(since="2.1"),
            ),
            required=("name", "data-source", "label"),
            value="array",
            options_key="data-source",
            items_actions=True,
            docs_items=(2, 20),
            example={
                "type": "ChipsSelector",
                "name": "topics",
                "label": "Topics",
                "data-source": [{"id": "a", "title": "A"}, {"id": "b", "title": "B"}],
            },
        ),
        ComponentSpec(
            "ImageCarousel",
            since="7.1",
            props=(
                Prop("images", "list", ref="image-carousel.image", item=_CAROUSEL_IMAGE),
                Prop("aspect-ratio", "enum", values=("4:3", "16:9")),
                Prop("scale-type", "enum", values=("contain", "cover")),
                _visible(),
            ),
            required=("images",),
            max_per_screen=(2, "5.1"),
            example={"type": "ImageCarousel", "images": [{"src": "iVBORw0KGgo=", "alt-text": "A"}]},
        ),
    )
}

#: The order of Meta's list of components inside a Form up to 5.0 (spec/meta-validator.md §3.4); newer
#: components follow in table order.
_FORM_ORDER_FIRST = (
    "TextInput", "TextArea", "CheckboxGroup", "RadioButtonsGroup", "Dropdown", "DatePicker", "EmbeddedLink",
    "Footer", "TextBody", "TextCaption", "TextHeading", "TextSubheading", "OptIn", "Image", "If", "Switch",
    "PhotoPicker", "DocumentPicker",
)
#: The order of Meta's per-screen maxima table (``SCREEN_COMPONENT_MAX_COUNT``): these first, the others in
#: the order of the version that limits them, then of the table.
_MAXIMA_ORDER_FIRST = ("EmbeddedLink", "Footer", "Image", "OptIn")


def known() -> frozenset[str]:
    """Every component type name."""
    return frozenset(COMPONENTS)


def since_of() -> dict[str, str]:
    """Component type -> the version that introduced it."""
    return {name: spec.since for name, spec in COMPONENTS.items()}


def top_order() -> tuple[str, ...]:
    """Component types in the order of Meta's list outside a Form."""
    return tuple(COMPONENTS)


def form_order() -> tuple[str, ...]:
    """Component types allowed inside a Form, in the order of Meta's list."""
    first = [t for t in _FORM_ORDER_FIRST if t in COMPONENTS and COMPONENTS[t].in_form]
    return (*first, *(t for t, s in COMPONENTS.items() if s.in_form and t not in _FORM_ORDER_FIRST))


def form_value_kinds() -> dict[str, str]:
    """Component type -> the type of its value as ``${form.x}`` (``media`` for the media pickers)."""
    return {name: spec.value for name, spec in COMPONENTS.items() if spec.value is not None}


def type_maxima(version: str) -> dict[str, int]:
    """Meta's per-screen maximum of each limited component type in ``version``, in Meta's order."""
    n = vnum(version)
    limited = [s for s in COMPONENTS.values() if s.max_per_screen is not None and n >= vnum(s.max_per_screen[1])]
    position = {t: i for i, t in enumerate(COMPONENTS)}

    def rank(spec: ComponentSpec) -> tuple[int, int, int]:
        assert spec.max_per_screen is not None
        if spec.type in _MAXIMA_ORDER_FIRST:
            return (0, 0, _MAXIMA_ORDER_FIRST.index(spec.type))
        return (1, vnum(spec.max_per_screen[1]), position[spec.type])

    return {s.type: s.max_per_screen[0] for s in sorted(limited, key=rank) if s.max_per_screen is not None}
