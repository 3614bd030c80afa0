from ictrack.cli import main

raise SystemExit(main())
