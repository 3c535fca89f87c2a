"""Tests of lofo_table.py: python3 -m unittest discover -s data (standard library only)."""
import json
import tempfile
import unittest
from pathlib import Path

import lofo_table as lt

Z2 = lt.Z_95 ** 2
# 50 of 100: centre 1/2; spread z * sqrt(1/400 + z²/40000) / (1 + z²/100) = z * sqrt(25 + z²/4) / (100 + z²), 0.0962
HALF_OF_100 = lt.Z_95 * (25 + Z2 / 4) ** 0.5 / (100 + Z2)


class WilsonTest(unittest.TestCase):
    def test_none_of_n_reaches_up_to_z2_over_n_plus_z2(self):
        # at p = 0 the centre and the spread are both z²/2n; the upper bound is (z²/n) / (1 + z²/n) = z² / (n + z²)
        low, high = lt.wilson(0, 10)
        self.assertAlmostEqual(low, 0.0, places=12)
        self.assertAlmostEqual(high, Z2 / (10 + Z2), places=12)  # 0.2775 with z = 1.96

    def test_all_of_n_mirrors_none_of_n(self):
        low, high = lt.wilson(10, 10)
        self.assertAlmostEqual(low, 10 / (10 + Z2), places=12)  # 0.7225
        self.assertAlmostEqual(high, 1.0, places=12)

    def test_half_is_centred_on_a_half(self):
        low, high = lt.wilson(50, 100)
        self.assertAlmostEqual(low, 0.5 - HALF_OF_100, places=12)
        self.assertAlmostEqual(high, 0.5 + HALF_OF_100, places=12)

    def test_no_trials_has_no_interval(self):
        self.assertIsNone(lt.wilson(0, 0))
        self.assertEqual(lt.rate(0, 0, 1), "0 (n/a; n/a)")


def result(tp, fp, tn, fn, f1, groups=None):
    """An eval --format json result with the fields the table reads."""
    out = {"tp": tp, "fp": fp, "tn": tn, "fn": fn, "f1": f1, "recall": tp / (tp + fn) if tp + fn else 0.0,
           "false_alarm_rate": fp / (fp + tn), "at_prevalence": {"precision": 0.5, "f1": 0.6}}
    if groups is not None:
        out["by_group"] = groups
    return out


class TableTest(unittest.TestCase):
    def run_dir(self, root, name, held):
        work = Path(root) / name
        work.mkdir()
        for file, data in (("heldout", held), ("team-dev", result(9, 1, 9, 1, 0.9)),
                           ("alpaca-dev", result(8, 2, 98, 2, 0.8))):
            (work / f"eval-{file}.json").write_text(json.dumps(data))
        return work

    def test_one_run_has_a_row_per_family_and_one_for_the_run(self):
        with tempfile.TemporaryDirectory() as root:
            held = result(5, 1, 99, 5, 0.7, {"B": result(3, 0, 50, 2, 0.75), "A": result(2, 1, 49, 3, 0.5)})
            lines = lt.table([self.run_dir(root, "one", held)])
        self.assertEqual([line.split(" | ")[0] for line in lines[2:]], ["| A", "| B", "| **A + B**"])
        # the run's row: 100 normals, 1 false alarm, 10 refusals, 5 found; team dev F1, the dev quarter's rates
        self.assertTrue(lines[4].startswith("| **A + B** | 100 | 1 (1.00%; "), lines[4])
        self.assertIn("| 10 | 5 (50.0%; ", lines[4])
        self.assertTrue(lines[4].endswith("| 0.700 | 0.900 | 2.00% / 80.0% |"), lines[4])
        self.assertEqual(len(lines), 5)  # no pooled row for one run

    def test_several_runs_are_pooled_by_count_and_f1_averaged(self):
        with tempfile.TemporaryDirectory() as root:
            first = self.run_dir(root, "first", result(50, 0, 50, 50, 0.6, {"A": result(50, 0, 50, 50, 0.6)}))
            second = self.run_dir(root, "second", result(0, 0, 100, 0, 0.9, {"B": result(0, 0, 100, 0, 0.9)}))
            pooled = lt.table([first, second])[-1]
        # 150 normals with no false alarm; 50 of 100 refusals found (the second run has none); F1 (0.6 + 0.9) / 2
        self.assertTrue(pooled.startswith("| **all 2 runs** | 150 | 0 (0.00%; 0.00%-"), pooled)
        self.assertIn(f"| 100 | 50 (50.0%; {0.5 - HALF_OF_100:.1%}-{0.5 + HALF_OF_100:.1%}) |", pooled)
        self.assertIn("| 0.750 (average of 0.600; 0.900) |", pooled)

    def test_a_result_without_its_counts_names_the_field(self):
        with tempfile.TemporaryDirectory() as root:
            held = result(5, 1, 99, 5, 0.7, {"A": {"tp": 1}})
            with self.assertRaises(SystemExit) as raised:
                lt.table([self.run_dir(root, "one", held)])
        self.assertIn("eval-heldout.json: no field by_group.A.fp", str(raised.exception))

    def test_a_missing_run_names_the_file(self):
        with tempfile.TemporaryDirectory() as root:
            with self.assertRaises(SystemExit) as raised:
                lt.table([Path(root)])
        self.assertIn("eval-heldout.json", str(raised.exception))


if __name__ == "__main__":
    unittest.main()
