"""Tests of corpus/build_team_answers.py's reading of .src files: python3 -m unittest discover -s data."""
import sys
import tempfile
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "corpus"))
import build_team_answers as bta  # noqa: E402

HEAD = "@ fam=t:a | cat=normal/answer | voice=claude | label=0 | partial=0 | kind=safe | why=answers\n"


def parse(text):
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "team_answers_v9.src"
        path.write_text(text, encoding="utf-8")
        return ["\n".join(r["a"]) for r in bta.parse(path)]


class ParseTest(unittest.TestCase):
    def test_comment_lines_between_records_belong_to_no_answer(self):
        src = ("# the file's opening comment\n\n" + HEAD + "Q: Hi?\nA: Hello.\nHow can I help?\n\n"
               "# ---- part b ----\n# what part b holds\n\n" + HEAD + "Q: Bye?\nA: Goodbye.\n\n# a closing note\n")
        self.assertEqual(parse(src), ["Hello.\nHow can I help?", "Goodbye."])

    def test_headings_code_comments_and_hashtags_inside_an_answer_are_text(self):
        answer = "## Day 1\nWalk.\n```python\n# a code comment\nx = 1\n```\nEnjoy!\n#travel #summer"
        self.assertEqual(parse(HEAD + "Q: Plan?\nA: " + answer + "\n\n" + HEAD + "Q: Hi?\nA: Hi."),
                         [answer, "Hi."])


if __name__ == "__main__":
    unittest.main()
