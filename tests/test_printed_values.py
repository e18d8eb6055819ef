"""Chapter 5's claims about the textbook's printed 2-2-1 values: most are cut off, not rounded;
-0.3844 and 0.2365 contradict the expressions printed beside them; 0.307 is 0.3075... cut off."""
from ffnn_edu.experiments.printed_values import (compare_221, cut_off, decimals_221, how_printed,
                                     page_arithmetic_221)
from ffnn_edu.experiments.worked_examples import backprop_221_values


def test_cut_off_drops_digits_towards_zero():
    assert cut_off(0.586860, 4) == 0.5868
    assert cut_off(-0.38449999999999995, 4) == -0.3845     # float noise does not cut a digit
    assert cut_off(0.307582, 3) == 0.307


def test_how_printed_tells_rounding_from_cutting():
    assert how_printed(0.5869, 0.586860, 4) == "rounded"
    assert how_printed(0.5868, 0.586860, 4) == "cut off"
    assert how_printed(0.351, 0.351, 3) == "rounded or cut off"
    assert how_printed(0.2365, 0.236635, 4) == "neither"


def test_the_printed_2420_keeps_its_four_decimals():
    assert decimals_221("dy_D/dz_D") == 4 and decimals_221("w4_new") == 3


def test_two_results_contradict_the_expression_beside_them():
    rows = {row["name"]: row for row in page_arithmetic_221()}
    minus, slope = rows["dE/dy_F"], rows["dy_F/dz_F"]
    assert minus["rounded"] == minus["cut"] == -0.3845 != minus["printed"]
    assert slope["cut"] == 0.2366 and slope["rounded"] == 0.2367 and slope["printed"] == 0.2365
    assert minus["slip"] and slope["slip"]


def test_w4_new_is_its_expression_cut_to_three_decimals_like_the_exact_value():
    row = {r["name"]: r for r in page_arithmetic_221()}["w4_new"]
    assert not row["slip"] and row["cut"] == 0.307 and row["rounded"] == 0.308
    exact = backprop_221_values()["w4_new"]
    assert how_printed(0.307, exact, 3) == "cut off"
    assert {r["name"]: r["how"] for r in compare_221()}["w4_new"] == "cut off"


def test_most_printed_values_are_not_the_rounded_exact_ones():
    rows = compare_221()
    assert len(rows) == 29
    rounded = [r for r in rows if r["how"] in ("rounded", "rounded or cut off")]
    assert len(rounded) < len(rows) / 3
