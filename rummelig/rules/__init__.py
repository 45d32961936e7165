"""The law behind Rummelig, written as plain functions.

Everything here is pure Python (standard library only, no Django) so that a lawyer or a new
developer can read the rules without knowing the rest of the product. Rules take numbers and
dates and return frozen dataclasses that carry the numbers behind the answer and a short
English ``reason`` code; the app turns those into Danish text.

Modules:

- ``ratio``: rimelighedskravet (BEK § 65) and merbeskæftigelseskravet for løntilskud.
- ``schemes``: the pure description of one version of a scheme (durations, follow-up, grants).
- ``durations``: calendar arithmetic for periods and the latest allowed end of a placement.
- ``deadlines``: the dated duties that follow from a placement (evaluations, renewals, ends).
- ``suppression``: hiding small counts (under 5) in tables that leave HR.
- ``fleksjob_refusion``: the refusion an employer can expect for an old-scheme fleksjob.

Each docstring cites its source: the law (LAB 2019, the bekendtgørelse om en aktiv
beskæftigelsesindsats in force from 1/1/2024 (it replaced the repealed BEK nr. 2636 af 28/12/2021),
lov om seniorjob, sygedagpengeloven) and a section of "domain.md", the project's legal research notes, which give
a public source for every rule. Paragraph numbers refer to LAB 2019 and will change with the
2027 reform (domain.md §0); that is why durations and other dated rules are scheme versions in
the database (``schemes.SchemeRule``), and this package holds only what does not vary by version.
"""
