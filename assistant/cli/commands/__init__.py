"""One module per `nianbao` sub-command; each only parses arguments and calls a service."""
