#!/usr/bin/env python3
"""json_schema_check.py SCHEMA DOCUMENT: validates DOCUMENT against SCHEMA for the subset of
JSON Schema (2020-12) that core/evaluate/evaluate-report.schema.json uses: type (one or a
list), enum, properties, required, additionalProperties (false or a schema), items,
minimum, maximum, oneOf and local $ref (#/$defs/...). Any other keyword is an error, so a
schema that grows past this subset fails loudly instead of passing unchecked.
Prints every violation as `<json path>: message`; exit 1 when there is one."""
import json
import sys

KNOWN = {"$schema", "$id", "title", "description", "type", "enum", "properties", "required",
         "additionalProperties", "items", "minimum", "maximum", "oneOf", "$ref", "$defs"}
TYPES = {"object": dict, "array": list, "string": str, "boolean": bool, "null": type(None)}


def type_ok(value, name):
    if name == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if name == "number":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    return isinstance(value, TYPES[name])


def check(schema, value, path, root, errors):
    unknown = set(schema) - KNOWN
    if unknown:
        raise SystemExit(f"schema keyword(s) outside the checked subset: {sorted(unknown)}")
    if "$ref" in schema:
        target = root
        for part in schema["$ref"].lstrip("#/").split("/"):
            target = target[part]
        check(target, value, path, root, errors)
    if "oneOf" in schema:
        matches = sum(1 for option in schema["oneOf"] if not validate(option, value, path, root))
        if matches != 1:
            errors.append(f"{path}: matches {matches} of the oneOf schemas, not exactly 1")
    if "type" in schema:
        names = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        if not any(type_ok(value, n) for n in names):
            errors.append(f"{path}: {type(value).__name__} is not {names}")
            return
    if "enum" in schema and value not in schema["enum"]:
        errors.append(f"{path}: {value!r} is not one of {schema['enum']}")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if "minimum" in schema and value < schema["minimum"]:
            errors.append(f"{path}: {value} < minimum {schema['minimum']}")
        if "maximum" in schema and value > schema["maximum"]:
            errors.append(f"{path}: {value} > maximum {schema['maximum']}")
    if isinstance(value, dict):
        for key in schema.get("required", []):
            if key not in value:
                errors.append(f"{path}: missing required '{key}'")
        props = schema.get("properties", {})
        extra = schema.get("additionalProperties", True)
        for key, item in value.items():
            if key in props:
                check(props[key], item, f"{path}.{key}", root, errors)
            elif extra is False:
                errors.append(f"{path}: unexpected property '{key}'")
            elif isinstance(extra, dict):
                check(extra, item, f"{path}.{key}", root, errors)
    if isinstance(value, list) and "items" in schema:
        for index, item in enumerate(value):
            check(schema["items"], item, f"{path}[{index}]", root, errors)


def validate(schema, value, path, root):
    errors = []
    check(schema, value, path, root, errors)
    return errors


def main():
    schema = json.load(open(sys.argv[1]))
    document = json.load(open(sys.argv[2]))
    errors = validate(schema, document, "$", schema)
    for error in errors:
        print(error)
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
