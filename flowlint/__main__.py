"""``python -m flowlint`` works like the ``flowlint`` command."""

from flowlint.cli import main

if __name__ == "__main__":  # pragma: no cover
    main()
