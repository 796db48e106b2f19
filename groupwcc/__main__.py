from groupwcc.cli import main

main()
