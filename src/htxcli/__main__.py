from htxcli.cli.app import main

main()
