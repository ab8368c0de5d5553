"""A JSONL corpus's records, the size of their text, and copies of them with distinct ids,
shared by the benchmarks in bench/.

Copies of the same text warm whatever the binary caches and overstate its speed: use them for
memory and `--jobs` scaling, and the corpus itself, once, for speed.
"""
import json

MB = 1_000_000  # sizes are in MB of 10^6 bytes


def read_records(corpus):
    """The records of a JSONL file, in order, blank lines skipped."""
    with open(corpus, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def text_of(record):
    """The article text of a record: `text`, or news-please's `maintext`."""
    return record.get("text") or record.get("maintext") or ""


def text_bytes(records):
    """UTF-8 bytes of the records' text fields (not of their JSON)."""
    return sum(len(text_of(r).encode("utf-8")) for r in records)


def replicate(corpus, target, size, unit="file"):
    """Writes copies of corpus's records, each copy's ids made distinct ("<id>~<copy>"), until
    `size` bytes of JSONL (unit "file") or of text fields (unit "text") are written.
    Returns (JSONL bytes, records, text bytes)."""
    records = read_records(corpus)
    written = text = docs = copy = 0
    with open(target, "w", encoding="utf-8") as out:
        while (written if unit == "file" else text) < size:
            for rec in records:
                rec = dict(rec, id=f"{rec.get('id', 'doc')}~{copy}")
                line = json.dumps(rec, ensure_ascii=False) + "\n"
                out.write(line)
                written += len(line.encode("utf-8"))
                text += len(text_of(rec).encode("utf-8"))
                docs += 1
                if (written if unit == "file" else text) >= size:
                    break
            copy += 1
    return written, docs, text
