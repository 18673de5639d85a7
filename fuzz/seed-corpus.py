#!/usr/bin/env python3
"""Writes the seed corpora of the fuzzers into fuzz/corpus/<target>/.

Seeds come from tests/data (the replies and order files the tests use,
good and bad), examples/ (order files), and the contract: for every
operation of both versions of the OpenAPI text, one reply and one request
built from the schema's own `example` values, plus the ```json blocks of
DFY-API.md. Run it again after adding fixtures; it only adds and
overwrites its own files (named tests-data-*, examples-*, contract-*,
doc-*, seed-*), so reproducers added by hand stay.

    fuzz/seed-corpus.py [/path/to/shared/api]
"""
import json
import pathlib
import re
import sys

root = pathlib.Path(__file__).resolve().parent.parent
corpus = root / "fuzz" / "corpus"
api = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else root / "tests" / "data"

REPLIES = {
    "reply-quote": ("quote-", "bad-quote-"),
    "reply-check": ("check", "bad-check-"),
    "reply-similar": ("similar", "bad-similar-"),
    "reply-prewarmed": ("prewarmed", "bad-prewarmed-"),
    "reply-orders": ("orders-", "bad-orders-"),
    "reply-accounts": ("accounts-", "bad-accounts-"),
    "reply-cancel": ("cancel", "bad-cancel-"),
    "reply-error": ("error-",),
}
EVERY_REPLY = ("bad-not-json", "bad-truncated", "bad-top-array")
ORDER_FILES = ("order-request", "bad-order-request-")

# (path, method) -> target of its 200 reply
OPERATIONS = {
    ("/api/v2/dfy-email-account-orders", "post"): "reply-quote",
    ("/api/v2/dfy-email-account-orders", "get"): "reply-orders",
    ("/api/v2/dfy-email-account-orders/domains/similar", "post"): "reply-similar",
    ("/api/v2/dfy-email-account-orders/domains/check", "post"): "reply-check",
    ("/api/v2/dfy-email-account-orders/domains/pre-warmed-up-list", "post"): "reply-prewarmed",
    ("/api/v2/dfy-email-account-orders/accounts", "get"): "reply-accounts",
    ("/api/v2/dfy-email-account-orders/accounts/cancel", "post"): "reply-cancel",
}

# What people type, paste and the API sends, for the targets that take text
TEXT_SEEDS = {
    "domain-name": [
        "example.com", "  Example.COM.  ", "https://www.example.org/path?q=1",
        "bücher.de", "xn--bcher-kva.de", "a..com", "-bad-.com", "localhost", "1.2.3.4",
        "example.com:8080", "foo.com, bar.org; baz.net\nqux.com", "jane.doe", "..", "Jane|Doe",
        "Zoë|O'Brien-Smith", "Łukasz|Żółć", "a" * 70 + ".com",
    ],
    "money": [
        "0", "12.5", "-3", "0.10", "1234567.89", "  7.00  ", "1e3", "0.285", "-0.01",
        "92233720368547758.07", "\x00\x00\x00\x00\x00\x00\xf0\x3f", "nan", "1.005",
    ],
    "csv-import": [
        "Domain,First Name,Last Name,Email\r\nacme-outreach.com,Jane,Doe,jane@acme-outreach.com\r\n",
        "\ufeffdomain;first_name;last_name;email_address_prefix;provider;forwarding_domain\nfoo.com;Zoë;O'Brien;zoe;Google;bar.com\n",
        "getacme.org\tJohn\tSmith\tjohn\n\"quoted, domain.com\",\"A \"\"B\"\"\",C,d\n",
        "Email\njane@acme.com\nnot an email\n",
    ],
    "csv": [
        "email\x1ffirst_name\x1flast_name", "jane@example.com\x1fJane\x1fDoe\x00john@example.com\x1fJohn\x1f",
        'quote " inside\x1f, comma\x1f line\nbreak\x1f trailing ', "\r\n", "",
    ],
}


def write(target, name, data):
    folder = corpus / target
    folder.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogatepass")
    (folder / name).write_bytes(data)


def resolve(spec, schema):
    while isinstance(schema, dict) and "$ref" in schema:
        node = spec
        for part in schema["$ref"].lstrip("#/").split("/"):
            node = node[part]
        schema = node
    return schema


def example_of(spec, schema, depth=0):
    """A value for @schema from its own examples, or a plain one of its type"""
    schema = resolve(spec, schema)
    if not isinstance(schema, dict) or depth > 12:
        return None
    if "example" in schema:
        return schema["example"]
    if schema.get("examples"):
        return schema["examples"][0]
    if "enum" in schema:
        return schema["enum"][0]
    for key in ("anyOf", "oneOf", "allOf"):
        if key in schema:
            return example_of(spec, schema[key][0], depth + 1)
    kind = schema.get("type")
    if isinstance(kind, list):
        kind = next((k for k in kind if k != "null"), "null")
    if kind == "object" or "properties" in schema:
        return {name: example_of(spec, sub, depth + 1)
                for name, sub in schema.get("properties", {}).items()}
    if kind == "array":
        return [example_of(spec, schema.get("items", {}), depth + 1)]
    return {"string": "", "integer": 0, "number": 0, "boolean": False}.get(kind)


def contract_seeds(path, version):
    spec = json.loads(path.read_text(encoding="utf-8"))
    for (op_path, method), target in OPERATIONS.items():
        op = spec.get("paths", {}).get(op_path, {}).get(method)
        if op is None:
            continue
        for status, reply in op.get("responses", {}).items():
            schema = reply.get("content", {}).get("application/json", {}).get("schema")
            if schema is None:
                continue
            body = json.dumps(example_of(spec, schema), indent=2)
            slug = op_path.rsplit("/", 1)[-1] + "-" + method
            write(target if status.startswith("2") else "reply-error",
                  f"contract{version}-{slug}-{status}.json", body)
        request = op.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema")
        if request is not None and target == "reply-quote":
            body = json.dumps(example_of(spec, request), indent=2)
            write("order-file", f"contract{version}-request.json", body)
            write("draft", f"contract{version}-request.json", body)


def main():
    data = root / "tests" / "data"
    for f in sorted(data.iterdir()):
        content = f.read_bytes()
        for target, prefixes in REPLIES.items():
            if f.name.startswith(prefixes) or f.name.startswith(EVERY_REPLY):
                write(target, "tests-data-" + f.name, content)
        if f.name.startswith(ORDER_FILES):
            write("order-file", "tests-data-" + f.name, content)
            write("draft", "tests-data-" + f.name, content)

    for f in sorted(data.glob("*.csv")):
        write("csv-import", "tests-data-" + f.name, f.read_bytes())

    for f in sorted((root / "examples").glob("*.json")):
        write("order-file", "examples-" + f.name, f.read_bytes())
        write("draft", "examples-" + f.name, f.read_bytes())

    for name in ("instantly-openapi-dfy.json", "instantly-openapi-dfy-2025-09-23.json"):
        path = api / name
        if path.exists():
            contract_seeds(path, "" if name == "instantly-openapi-dfy.json" else "-2025-09-23")

    doc = api / "DFY-API.md"
    if doc.exists():
        for i, block in enumerate(re.findall(r"```json\n(.*?)```", doc.read_text(encoding="utf-8"), re.S)):
            write("reply-error" if '"statusCode"' in block else "reply-quote", f"doc-block-{i:02d}.json", block)

    for target, seeds in TEXT_SEEDS.items():
        for i, seed in enumerate(seeds):
            write(target, f"seed-{i:02d}", seed)

    for target in sorted(p.name for p in corpus.iterdir()):
        print(f"{target}: {len(list((corpus / target).iterdir()))} files")


main()
