import os
import tracemalloc

from rummelig.imports.parsers import Problems, iter_opus

EMPLOYEES = 20_000
EMPLOYEE = (
    ' <employee id="{id}" client="813" lastChanged="2024-11-20">\n'
    '  <entryDate>2019-08-01</entryDate>\n  <cpr suppId="0">0101901234</cpr>\n'
    "  <firstName>Søren</firstName>\n  <lastName>Ærø-Østergård</lastName>\n"
    "  <workContractText>Ansat</workContractText>\n  <orgUnit>111</orgUnit>\n"
    "  <numerator>37</numerator>\n  <denominator>37</denominator>\n </employee>\n"
)


def resident_megabytes() -> float | None:
    """Return this process's resident memory (Linux), which also counts libxml2's C allocations."""
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1024**2
    except (OSError, ValueError):
        return None


def test_a_20000_employee_dump_is_parsed_in_bounded_memory(tmp_path):
    path = tmp_path / "ZLPE20250101000000_delta.xml"
    with open(path, "w", encoding="utf-8") as dump:
        dump.write('<?xml version="1.0" encoding="utf-8"?>\n<kmd>\n')
        dump.writelines(EMPLOYEE.format(id=100000 + i) for i in range(EMPLOYEES))
        dump.write("</kmd>\n")
    file_megabytes = path.stat().st_size / 1024**2
    problems = Problems()
    resident_before = resident_megabytes()
    resident_peak = 0.0

    tracemalloc.start()
    try:
        count = 0
        for count, _ in enumerate(iter_opus(path, problems), start=1):
            if count % 1000 == 0 and resident_before is not None:
                resident_peak = max(resident_peak, resident_megabytes() - resident_before)
        _, python_peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert count == EMPLOYEES
    assert not problems
    assert file_megabytes > 5
    # Python objects: one record at a time plus the set of ids seen (for duplicate checks).
    assert python_peak / 1024**2 < 8
    # libxml2's tree is invisible to tracemalloc; without clearing it would grow by ~100 MB here.
    if resident_before is not None:
        assert resident_peak < 40
