"""The JSON Schema of one results.jsonl line, generated from the pydantic model."""

from __future__ import annotations

import json
from pathlib import Path

from .models import ApplicationResult

SCHEMA_FILE = Path(__file__).resolve().parents[1] / "schemas" / "result.schema.json"


def result_schema() -> dict:
    schema = ApplicationResult.model_json_schema(mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "result.schema.json"
    schema["description"] = "One line of results.jsonl: the pre-screening result of one application."
    return schema


def schema_text() -> str:
    return json.dumps(result_schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def write_schema(path: Path = SCHEMA_FILE) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(schema_text(), encoding="utf-8")
    return path


if __name__ == "__main__":
    print(write_schema())
