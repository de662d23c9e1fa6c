# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_kato_global_optspecs
    string join \n root= v/verbose q/quiet yes ssh-user= i/identity= password-file= accept-new-host-key h/help V/version
end

function __fish_kato_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_kato_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_kato_using_subcommand
    set -l cmd (__fish_kato_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c kato -n "__fish_kato_needs_command" -l root -d 'Directory every file kato reads or writes lives under' -r -F
complete -c kato -n "__fish_kato_needs_command" -l ssh-user -d 'SSH user for reaching other nodes [env: KATO_SSH_USER; default: stackato]' -r
complete -c kato -n "__fish_kato_needs_command" -s i -l identity -d 'SSH private key for reaching other nodes [env: KATO_SSH_IDENTITY]' -r -F
complete -c kato -n "__fish_kato_needs_command" -l password-file -d 'File holding the SSH password (first line) [env: KATO_SSH_PASSWORD_FILE]' -r -F
complete -c kato -n "__fish_kato_needs_command" -s v -l verbose -d 'Show more detail (per-process lines, error causes)'
complete -c kato -n "__fish_kato_needs_command" -s q -l quiet -d 'Print only results, warnings and errors'
complete -c kato -n "__fish_kato_needs_command" -l yes -d 'Answer yes to every confirmation'
complete -c kato -n "__fish_kato_needs_command" -l accept-new-host-key -d 'Trust and remember the host key of a node seen for the first time'
complete -c kato -n "__fish_kato_needs_command" -s h -l help -d 'Print help'
complete -c kato -n "__fish_kato_needs_command" -s V -l version -d 'Print version'
complete -c kato -n "__fish_kato_needs_command" -f -a "config" -d 'Read and change configuration values of cluster components'
complete -c kato -n "__fish_kato_needs_command" -f -a "console" -d 'Serve the web console (the Management Console\'s "Cluster Admin") over HTTPS'
complete -c kato -n "__fish_kato_needs_command" -f -a "data" -d 'Export and import kato\'s state and service data'
complete -c kato -n "__fish_kato_needs_command" -f -a "history" -d 'Show the kato commands that have been run'
complete -c kato -n "__fish_kato_needs_command" -f -a "info" -d 'Show information about this node or cluster, including assigned and available roles'
complete -c kato -n "__fish_kato_needs_command" -f -a "inspect" -d 'Check this node for common problems (the same checks attach and role add run)'
complete -c kato -n "__fish_kato_needs_command" -f -a "license" -d 'Set the Stackato license in use for this microcloud or cluster'
complete -c kato -n "__fish_kato_needs_command" -f -a "log" -d 'Read the logs of the cluster\'s processes'
complete -c kato -n "__fish_kato_needs_command" -f -a "node" -d 'Set up, attach and manage cluster nodes'
complete -c kato -n "__fish_kato_needs_command" -f -a "op" -d 'Operational commands (static IP, firewall, timezone, hosts file, deferred commands, …)'
complete -c kato -n "__fish_kato_needs_command" -f -a "process" -d 'Start, stop or inspect individual processes'
complete -c kato -n "__fish_kato_needs_command" -f -a "report" -d 'Generate a report that can be sent to Stackato support'
complete -c kato -n "__fish_kato_needs_command" -f -a "__remote" -d 'Answer a request from another node (used by kato itself over SSH)'
complete -c kato -n "__fish_kato_needs_command" -f -a "__privileged" -d 'Make one change that needs root (used by kato itself through sudo)'
complete -c kato -n "__fish_kato_needs_command" -f -a "restart" -d 'Restart all roles of a node, or the ROLEs given'
complete -c kato -n "__fish_kato_needs_command" -f -a "role" -d 'Add, remove and describe the roles of a node'
complete -c kato -n "__fish_kato_needs_command" -f -a "start" -d 'Start all roles of a node, or the ROLEs given'
complete -c kato -n "__fish_kato_needs_command" -f -a "status" -d 'List configured roles and their current status across the cluster'
complete -c kato -n "__fish_kato_needs_command" -f -a "stop" -d 'Stop all roles of a node (and processes no role needs), or the ROLEs given'
complete -c kato -n "__fish_kato_needs_command" -f -a "version" -d 'Display the version being run'
complete -c kato -n "__fish_kato_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kato -n "__fish_kato_using_subcommand config; and not __fish_seen_subcommand_from get set del push pop help" -l root -d 'Directory every file kato reads or writes lives under' -r -F
complete -c kato -n "__fish_kato_using_subcommand config; and not __fish_seen_subcommand_from get set del push pop help" -l ssh-user -d 'SSH user for reaching other nodes [env: KATO_SSH_USER; default: stackato]' -r
complete -c kato -n "__fish_kato_using_subcommand config; and not __fish_seen_subcommand_from get set del push pop help" -s i -l identity -d 'SSH private key for reaching other nodes [env: KATO_SSH_IDENTITY]' -r -F
complete -c kato -n "__fish_kato_using_subcommand config; and not __fish_seen_subcommand_from get set del push pop help" -l password-file -d 'File holding the SSH password (first line) [env: KATO_SSH_PASSWORD_FILE]' -r -F
complete -c kato -n "__fish_kato_using_subcommand config; and not __fish_seen_subcommand_from get set del push pop help" -s v -l verbose -d 'Show more detail (per-process lines, error causes)'
complete -c kato -n "__fish_kato_using_subcommand config; and not __fish_seen_subcommand_from get set del push pop help" -s q -l quiet -d 'Print only results, warnings and errors'
complete -c kato -n "__fish_kato_using_subcommand config; and not __fish_seen_subcommand_from get set del push pop help" -l yes -d 'Answer yes to every confirmation'
complete -c kato -n "__fish_kato_using_subcommand config; and not __fish_seen_subcommand_from get set del push pop help" -l accept-new-host-key -d 'Trust and remember the host key of a node seen for the first time'
complete -c kato -n "__fish_kato_using_subcommand config; and not __fish_seen_subcommand_from get set del push pop help" -s h -l help -d 'Print help'
complete -c kato -n "__fish_kato_using_subcommand config; and not __fish_seen_subcommand_from get set del push pop help" -f -a "get" -d 'Show a component, a value inside it, or every component'
complete -c kato -n "__fish_kato_using_subcommand config; and not __fish_seen_subcommand_from get set del push pop help" -f -a "set" -d 'Set a value (read from stdin when VALUE is left out)'
complete -c kato -n "__fish_kato_using_subcommand config; and not __fish_seen_subcommand_from get set del push pop help" -f -a "del" -d 'Delete a key'
complete -c kato -n "__fish_kato_using_subcommand config; and not __fish_seen_subcommand_from get set del push pop help" -f -a "push" -d 'Append a value to a list'
complete -c kato -n "__fish_kato_using_subcommand config; and not __fish_seen_subcommand_from get set del push pop help" -f -a "pop" -d 'Remove a value from a list'
complete -c kato -n "__fish_kato_using_subcommand config; and not __fish_seen_subcommand_from get set del push pop help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kato -n "__fish_kato_using_subcommand config; and __fish_seen_subcommand_from get" -l root -d 'Directory every file kato reads or writes lives under' -r -F
complete -c kato -n "__fish_kato_using_subcommand config; and __fish_seen_subcommand_from get" -l ssh-user -d 'SSH user for reaching other nodes [env: KATO_SSH_USER; default: stackato]' -r
complete -c kato -n "__fish_kato_using_subcommand config; and __fish_seen_subcommand_from get" -s i -l identity -d 'SSH private key for reaching other nodes [env: KATO_SSH_IDENTITY]' -r -F
complete -c kato -n "__fish_kato_using_subcommand config; and __fish_seen_subcommand_from get" -l password-file -d 'File holding the SSH password (first line) [env: KATO_SSH_PASSWORD_FILE]' -r -F
complete -c kato -n "__fish_kato_using_subcommand config; and __fish_seen_subcommand_from get" -s j -l json -d 'JSON: parse VALUE as JSON, and print JSON'
complete -c kato -n "__fish_kato_using_subcommand config; and __fish_seen_subcommand_from get" -s y -l yaml -d 'YAML: parse VALUE as YAML (YAML is the default output)'
complete -c kato -n "__fish_kato_using_subcommand config; and __fish_seen_subcommand_from get" -s f -l flat -d 'Print one "/component/key/path = value" line per leaf value'
complete -c kato -n "__fish_kato_using_subcommand config; and __fish_seen_subcommand_from get" -s v -l verbose -d 'Show more detail (per-process lines, error causes)'
complete -c kato -n "__fish_kato_using_subcommand config; and __fish_seen_subcommand_from get" -s q -l quiet -d 'Print only results, warnings and errors'
complete -c kato -n "__fish_kato_using_subcommand config; and __fish_seen_subcommand_from get" -l yes -d 'Answer yes to every confirmation'
complete -c kato -n "__fish_kato_using_subcommand config; and __fish_seen_subcommand_from get" -l accept-new-host-key -d 'Trust and remember the host key of a node seen for the first time'
complete -c kato -n "__fish_kato_using_subcommand config; and __fish_seen_subcommand_from get" -s h -l help -d 'Print help'
complete -c kato -n "__fish_kato_using_subcommand config; and __fish_seen_subcommand_from set" -l root -d 'Directory every file kato reads or writes lives under' -r -F
complete -c kato -n "__fish_kato_using_subcommand config; and __fish_seen_subcommand_from set" -l ssh-user -d 'SSH user for reaching other nodes [env: KATO_SSH_USER; default: stackato]' -r
complete -c kato -n "__fish_kato_using_subcommand config; and __fish_seen_subcommand_from set" -s i -l identity -d 'SSH private key for reaching other nodes [env: KATO_SSH_IDENTITY]' -r -F
complete -c kato -n "__fish_kato_using_subcommand config; and __fish_seen_subcommand_from set" -l password-file -d 'File holding the SSH password (first line) [env: KATO_SSH_PASSWORD_FILE]' -r -F
complete -c kato -n "__fish_kato_using_subcommand config; and __fish_seen_subcommand_from set" -s j -l json -d 'JSON: parse VALUE as JSON, and print JSON'
complete -c kato -n "__fish_kato_using_subcommand config; and __fish_seen_subcommand_from set" -s y -l yaml -d 'YAML: parse VALUE as YAML (YAML is the default output)'
complete -c kato -n "__fish_kato_using_subcommand config; and __fish_seen_subcommand_from set" -s f -l flat -d 'Print one "/component/key/path = value" line per leaf value'
complete -c kato -n "__fish_kato_using_subcommand config; and __fish_seen_subcommand_from set" -l force -d 'Allow replacing a value by one of another type, or protected cluster keys'
complete -c kato -n "__fish_kato_using_subcommand config; and __fish_seen_subcommand_from set" -l dry-run -d 'Show what would change, and change nothing'
complete -c kato -n "__fish_kato_using_subcommand config; and __fish_seen_subcommand_from set" -s v -l verbose -d 'Show more detail (per-process lines, error causes)'
complete -c kato -n "__fish_kato_using_subcommand config; and __fish_seen_subcommand_from set" -s q -l quiet -d 'Print only results, warnings and errors'
complete -c kato -n "__fish_kato_using_subcommand config; and __fish_seen_subcommand_from set" -l yes -d 'Answer yes to every confirmation'
complete -c kato -n "__fish_kato_using_subcommand config; and __fish_seen_subcommand_from set" -l accept-new-host-key -d 'Trust and remember the host key of a node seen for the first time'
complete -c kato -n "__fish_kato_using_subcommand config; and __fish_seen_subcommand_from set" -s h -l help -d 'Print help'
complete -c kato -n "__fish_kato_using_subcommand config; and __fish_seen_subcommand_from del" -l root -d 'Directory every file kato reads or writes lives under' -r -F
complete -c kato -n "__fish_kato_using_subcommand config; and __fish_seen_subcommand_from del" -l ssh-user -d 'SSH user for reaching other nodes [env: KATO_SSH_USER; default: stackato]' -r
complete -c kato -n "__fish_kato_using_subcommand config; and __fish_seen_subcommand_from del" -s i -l identity -d 'SSH private key for reaching other nodes [env: KATO_SSH_IDENTITY]' -r -F
complete -c kato -n "__fish_kato_using_subcommand config; and __fish_seen_subcommand_from del" -l password-file -d 'File holding the SSH password (first line) [env: KATO_SSH_PASSWORD_FILE]' -r -F
complete -c kato -n "__fish_kato_using_subcommand config; and __fish_seen_subcommand_from del" -l force -d 'Allow deleting protected cluster keys (endpoint, mbusip)'
complete -c kato -n "__fish_kato_using_subcommand config; and __fish_seen_subcommand_from del" -l dry-run -d 'Show what would change, and change nothing'
complete -c kato -n "__fish_kato_using_subcommand config; and __fish_seen_subcommand_from del" -s v -l verbose -d 'Show more detail (per-process lines, error causes)'
complete -c kato -n "__fish_kato_using_subcommand config; and __fish_seen_subcommand_from del" -s q -l quiet -d 'Print only results, warnings and errors'
complete -c kato -n "__fish_kato_using_subcommand config; and __fish_seen_subcommand_from del" -l yes -d 'Answer yes to every confirmation'
complete -c kato -n "__fish_kato_using_subcommand config; and __fish_seen_subcommand_from del" -l accept-new-host-key -d 'Trust and remember the host key of a node seen for the first time'
complete -c kato -n "__fish_kato_using_subcommand config; and __fish_seen_subcommand_from del" -s h -l help -d 'Print help'
complete -c kato -n "__fish_kato_using_subcommand config; and __fish_seen_subcommand_from push" -l root -d 'Directory every file kato reads or writes lives under' -r -F
complete -c kato -n "__fish_kato_using_subcommand config; and __fish_seen_subcommand_from push" -l ssh-user -d 'SSH user for reaching other nodes [env: KATO_SSH_USER; default: stackato]' -r
complete -c kato -n "__fish_kato_using_subcommand config; and __fish_seen_subcommand_from push" -s i -l identity -d 'SSH private key for reaching other nodes [env: KATO_SSH_IDENTITY]' -r -F
complete -c kato -n "__fish_kato_using_subcommand config; and __fish_seen_subcommand_from push" -l password-file -d 'File holding the SSH password (first line) [env: KATO_SSH_PASSWORD_FILE]' -r -F
complete -c kato -n "__fish_kato_using_subcommand config; and __fish_seen_subcommand_from push" -s j -l json -d 'JSON: parse VALUE as JSON, and print JSON'
complete -c kato -n "__fish_kato_using_subcommand config; and __fish_seen_subcommand_from push" -s y -l yaml -d 'YAML: parse VALUE as YAML (YAML is the default output)'
complete -c kato -n "__fish_kato_using_subcommand config; and __fish_seen_subcommand_from push" -s f -l flat -d 'Print one "/component/key/path = value" line per leaf value'
complete -c kato -n "__fish_kato_using_subcommand config; and __fish_seen_subcommand_from push" -l force -d 'Allow replacing a value by one of another type, or protected cluster keys'
complete -c kato -n "__fish_kato_using_subcommand config; and __fish_seen_subcommand_from push" -l dry-run -d 'Show what would change, and change nothing'
complete -c kato -n "__fish_kato_using_subcommand config; and __fish_seen_subcommand_from push" -s v -l verbose -d 'Show more detail (per-process lines, error causes)'
complete -c kato -n "__fish_kato_using_subcommand config; and __fish_seen_subcommand_from push" -s q -l quiet -d 'Print only results, warnings and errors'
complete -c kato -n "__fish_kato_using_subcommand config; and __fish_seen_subcommand_from push" -l yes -d 'Answer yes to every confirmation'
complete -c kato -n "__fish_kato_using_subcommand config; and __fish_seen_subcommand_from push" -l accept-new-host-key -d 'Trust and remember the host key of a node seen for the first time'
complete -c kato -n "__fish_kato_using_subcommand config; and __fish_seen_subcommand_from push" -s h -l help -d 'Print help'
complete -c kato -n "__fish_kato_using_subcommand config; and __fish_seen_subcommand_from pop" -l root -d 'Directory every file kato reads or writes lives under' -r -F
complete -c kato -n "__fish_kato_using_subcommand config; and __fish_seen_subcommand_from pop" -l ssh-user -d 'SSH user for reaching other nodes [env: KATO_SSH_USER; default: stackato]' -r
complete -c kato -n "__fish_kato_using_subcommand config; and __fish_seen_subcommand_from pop" -s i -l identity -d 'SSH private key for reaching other nodes [env: KATO_SSH_IDENTITY]' -r -F
complete -c kato -n "__fish_kato_using_subcommand config; and __fish_seen_subcommand_from pop" -l password-file -d 'File holding the SSH password (first line) [env: KATO_SSH_PASSWORD_FILE]' -r -F
complete -c kato -n "__fish_kato_using_subcommand config; and __fish_seen_subcommand_from pop" -s j -l json -d 'JSON: parse VALUE as JSON, and print JSON'
complete -c kato -n "__fish_kato_using_subcommand config; and __fish_seen_subcommand_from pop" -s y -l yaml -d 'YAML: parse VALUE as YAML (YAML is the default output)'
complete -c kato -n "__fish_kato_using_subcommand config; and __fish_seen_subcommand_from pop" -s f -l flat -d 'Print one "/component/key/path = value" line per leaf value'
complete -c kato -n "__fish_kato_using_subcommand config; and __fish_seen_subcommand_from pop" -l force -d 'Allow replacing a value by one of another type, or protected cluster keys'
complete -c kato -n "__fish_kato_using_subcommand config; and __fish_seen_subcommand_from pop" -l dry-run -d 'Show what would change, and change nothing'
complete -c kato -n "__fish_kato_using_subcommand config; and __fish_seen_subcommand_from pop" -s v -l verbose -d 'Show more detail (per-process lines, error causes)'
complete -c kato -n "__fish_kato_using_subcommand config; and __fish_seen_subcommand_from pop" -s q -l quiet -d 'Print only results, warnings and errors'
complete -c kato -n "__fish_kato_using_subcommand config; and __fish_seen_subcommand_from pop" -l yes -d 'Answer yes to every confirmation'
complete -c kato -n "__fish_kato_using_subcommand config; and __fish_seen_subcommand_from pop" -l accept-new-host-key -d 'Trust and remember the host key of a node seen for the first time'
complete -c kato -n "__fish_kato_using_subcommand config; and __fish_seen_subcommand_from pop" -s h -l help -d 'Print help'
complete -c kato -n "__fish_kato_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "get" -d 'Show a component, a value inside it, or every component'
complete -c kato -n "__fish_kato_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "set" -d 'Set a value (read from stdin when VALUE is left out)'
complete -c kato -n "__fish_kato_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "del" -d 'Delete a key'
complete -c kato -n "__fish_kato_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "push" -d 'Append a value to a list'
complete -c kato -n "__fish_kato_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "pop" -d 'Remove a value from a list'
complete -c kato -n "__fish_kato_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kato -n "__fish_kato_using_subcommand console; and not __fish_seen_subcommand_from passwd help" -l listen -d 'Address and port to listen on [default: console/listen, else 0.0.0.0:8443]' -r
complete -c kato -n "__fish_kato_using_subcommand console; and not __fish_seen_subcommand_from passwd help" -l cert -d 'TLS certificate (PEM) [default: etc/kato/ssl/cluster.crt]; without one, plain HTTP is served on a loopback address only' -r -F
complete -c kato -n "__fish_kato_using_subcommand console; and not __fish_seen_subcommand_from passwd help" -l key -d 'TLS private key (PEM) [default: etc/kato/ssl/cluster.key]' -r -F
complete -c kato -n "__fish_kato_using_subcommand console; and not __fish_seen_subcommand_from passwd help" -l root -d 'Directory every file kato reads or writes lives under' -r -F
complete -c kato -n "__fish_kato_using_subcommand console; and not __fish_seen_subcommand_from passwd help" -l ssh-user -d 'SSH user for reaching other nodes [env: KATO_SSH_USER; default: stackato]' -r
complete -c kato -n "__fish_kato_using_subcommand console; and not __fish_seen_subcommand_from passwd help" -s i -l identity -d 'SSH private key for reaching other nodes [env: KATO_SSH_IDENTITY]' -r -F
complete -c kato -n "__fish_kato_using_subcommand console; and not __fish_seen_subcommand_from passwd help" -l password-file -d 'File holding the SSH password (first line) [env: KATO_SSH_PASSWORD_FILE]' -r -F
complete -c kato -n "__fish_kato_using_subcommand console; and not __fish_seen_subcommand_from passwd help" -s v -l verbose -d 'Show more detail (per-process lines, error causes)'
complete -c kato -n "__fish_kato_using_subcommand console; and not __fish_seen_subcommand_from passwd help" -s q -l quiet -d 'Print only results, warnings and errors'
complete -c kato -n "__fish_kato_using_subcommand console; and not __fish_seen_subcommand_from passwd help" -l yes -d 'Answer yes to every confirmation'
complete -c kato -n "__fish_kato_using_subcommand console; and not __fish_seen_subcommand_from passwd help" -l accept-new-host-key -d 'Trust and remember the host key of a node seen for the first time'
complete -c kato -n "__fish_kato_using_subcommand console; and not __fish_seen_subcommand_from passwd help" -s h -l help -d 'Print help'
complete -c kato -n "__fish_kato_using_subcommand console; and not __fish_seen_subcommand_from passwd help" -f -a "passwd" -d 'Set a console admin\'s password (read from -p, stdin, or asked twice)'
complete -c kato -n "__fish_kato_using_subcommand console; and not __fish_seen_subcommand_from passwd help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kato -n "__fish_kato_using_subcommand console; and __fish_seen_subcommand_from passwd" -s p -l password -d 'The new password (visible to other users of this machine; prefer stdin)' -r
complete -c kato -n "__fish_kato_using_subcommand console; and __fish_seen_subcommand_from passwd" -l root -d 'Directory every file kato reads or writes lives under' -r -F
complete -c kato -n "__fish_kato_using_subcommand console; and __fish_seen_subcommand_from passwd" -l ssh-user -d 'SSH user for reaching other nodes [env: KATO_SSH_USER; default: stackato]' -r
complete -c kato -n "__fish_kato_using_subcommand console; and __fish_seen_subcommand_from passwd" -s i -l identity -d 'SSH private key for reaching other nodes [env: KATO_SSH_IDENTITY]' -r -F
complete -c kato -n "__fish_kato_using_subcommand console; and __fish_seen_subcommand_from passwd" -l password-file -d 'File holding the SSH password (first line) [env: KATO_SSH_PASSWORD_FILE]' -r -F
complete -c kato -n "__fish_kato_using_subcommand console; and __fish_seen_subcommand_from passwd" -s v -l verbose -d 'Show more detail (per-process lines, error causes)'
complete -c kato -n "__fish_kato_using_subcommand console; and __fish_seen_subcommand_from passwd" -s q -l quiet -d 'Print only results, warnings and errors'
complete -c kato -n "__fish_kato_using_subcommand console; and __fish_seen_subcommand_from passwd" -l yes -d 'Answer yes to every confirmation'
complete -c kato -n "__fish_kato_using_subcommand console; and __fish_seen_subcommand_from passwd" -l accept-new-host-key -d 'Trust and remember the host key of a node seen for the first time'
complete -c kato -n "__fish_kato_using_subcommand console; and __fish_seen_subcommand_from passwd" -s h -l help -d 'Print help'
complete -c kato -n "__fish_kato_using_subcommand console; and __fish_seen_subcommand_from help" -f -a "passwd" -d 'Set a console admin\'s password (read from -p, stdin, or asked twice)'
complete -c kato -n "__fish_kato_using_subcommand console; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kato -n "__fish_kato_using_subcommand data; and not __fish_seen_subcommand_from export import help" -l root -d 'Directory every file kato reads or writes lives under' -r -F
complete -c kato -n "__fish_kato_using_subcommand data; and not __fish_seen_subcommand_from export import help" -l ssh-user -d 'SSH user for reaching other nodes [env: KATO_SSH_USER; default: stackato]' -r
complete -c kato -n "__fish_kato_using_subcommand data; and not __fish_seen_subcommand_from export import help" -s i -l identity -d 'SSH private key for reaching other nodes [env: KATO_SSH_IDENTITY]' -r -F
complete -c kato -n "__fish_kato_using_subcommand data; and not __fish_seen_subcommand_from export import help" -l password-file -d 'File holding the SSH password (first line) [env: KATO_SSH_PASSWORD_FILE]' -r -F
complete -c kato -n "__fish_kato_using_subcommand data; and not __fish_seen_subcommand_from export import help" -s v -l verbose -d 'Show more detail (per-process lines, error causes)'
complete -c kato -n "__fish_kato_using_subcommand data; and not __fish_seen_subcommand_from export import help" -s q -l quiet -d 'Print only results, warnings and errors'
complete -c kato -n "__fish_kato_using_subcommand data; and not __fish_seen_subcommand_from export import help" -l yes -d 'Answer yes to every confirmation'
complete -c kato -n "__fish_kato_using_subcommand data; and not __fish_seen_subcommand_from export import help" -l accept-new-host-key -d 'Trust and remember the host key of a node seen for the first time'
complete -c kato -n "__fish_kato_using_subcommand data; and not __fish_seen_subcommand_from export import help" -s h -l help -d 'Print help'
complete -c kato -n "__fish_kato_using_subcommand data; and not __fish_seen_subcommand_from export import help" -f -a "export" -d 'Export kato\'s state and service data to a .tgz'
complete -c kato -n "__fish_kato_using_subcommand data; and not __fish_seen_subcommand_from export import help" -f -a "import" -d 'Import an export made by \'kato data export\' (checked whole before anything changes)'
complete -c kato -n "__fish_kato_using_subcommand data; and not __fish_seen_subcommand_from export import help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kato -n "__fish_kato_using_subcommand data; and __fish_seen_subcommand_from export" -l root -d 'Directory every file kato reads or writes lives under' -r -F
complete -c kato -n "__fish_kato_using_subcommand data; and __fish_seen_subcommand_from export" -l ssh-user -d 'SSH user for reaching other nodes [env: KATO_SSH_USER; default: stackato]' -r
complete -c kato -n "__fish_kato_using_subcommand data; and __fish_seen_subcommand_from export" -s i -l identity -d 'SSH private key for reaching other nodes [env: KATO_SSH_IDENTITY]' -r -F
complete -c kato -n "__fish_kato_using_subcommand data; and __fish_seen_subcommand_from export" -l password-file -d 'File holding the SSH password (first line) [env: KATO_SSH_PASSWORD_FILE]' -r -F
complete -c kato -n "__fish_kato_using_subcommand data; and __fish_seen_subcommand_from export" -s c -l cluster -d 'Operate on the entire cluster'
complete -c kato -n "__fish_kato_using_subcommand data; and __fish_seen_subcommand_from export" -s o -l only-this-node -d 'Only affect this node'
complete -c kato -n "__fish_kato_using_subcommand data; and __fish_seen_subcommand_from export" -s m -l manual -d 'Only this node\'s roles (kato exports every role of the node)'
complete -c kato -n "__fish_kato_using_subcommand data; and __fish_seen_subcommand_from export" -s f -l force -d 'Accepted with --manual (implies --only-this-node)'
complete -c kato -n "__fish_kato_using_subcommand data; and __fish_seen_subcommand_from export" -l only-users-orgs
complete -c kato -n "__fish_kato_using_subcommand data; and __fish_seen_subcommand_from export" -l droplets
complete -c kato -n "__fish_kato_using_subcommand data; and __fish_seen_subcommand_from export" -l exclude-droplets
complete -c kato -n "__fish_kato_using_subcommand data; and __fish_seen_subcommand_from export" -l packages
complete -c kato -n "__fish_kato_using_subcommand data; and __fish_seen_subcommand_from export" -l exclude-packages
complete -c kato -n "__fish_kato_using_subcommand data; and __fish_seen_subcommand_from export" -l resources
complete -c kato -n "__fish_kato_using_subcommand data; and __fish_seen_subcommand_from export" -l exclude-resources
complete -c kato -n "__fish_kato_using_subcommand data; and __fish_seen_subcommand_from export" -l license
complete -c kato -n "__fish_kato_using_subcommand data; and __fish_seen_subcommand_from export" -l exclude-license
complete -c kato -n "__fish_kato_using_subcommand data; and __fish_seen_subcommand_from export" -l db-encryption-key
complete -c kato -n "__fish_kato_using_subcommand data; and __fish_seen_subcommand_from export" -l exclude-db-encryption-key
complete -c kato -n "__fish_kato_using_subcommand data; and __fish_seen_subcommand_from export" -l main-db
complete -c kato -n "__fish_kato_using_subcommand data; and __fish_seen_subcommand_from export" -l exclude-main-db
complete -c kato -n "__fish_kato_using_subcommand data; and __fish_seen_subcommand_from export" -l aok-db
complete -c kato -n "__fish_kato_using_subcommand data; and __fish_seen_subcommand_from export" -l exclude-aok-db
complete -c kato -n "__fish_kato_using_subcommand data; and __fish_seen_subcommand_from export" -l aok-config
complete -c kato -n "__fish_kato_using_subcommand data; and __fish_seen_subcommand_from export" -l exclude-aok-config
complete -c kato -n "__fish_kato_using_subcommand data; and __fish_seen_subcommand_from export" -l stackato-rest-db
complete -c kato -n "__fish_kato_using_subcommand data; and __fish_seen_subcommand_from export" -l exclude-stackato-rest-db
complete -c kato -n "__fish_kato_using_subcommand data; and __fish_seen_subcommand_from export" -l filesystem
complete -c kato -n "__fish_kato_using_subcommand data; and __fish_seen_subcommand_from export" -l exclude-filesystem
complete -c kato -n "__fish_kato_using_subcommand data; and __fish_seen_subcommand_from export" -l harbor
complete -c kato -n "__fish_kato_using_subcommand data; and __fish_seen_subcommand_from export" -l exclude-harbor
complete -c kato -n "__fish_kato_using_subcommand data; and __fish_seen_subcommand_from export" -l mysql
complete -c kato -n "__fish_kato_using_subcommand data; and __fish_seen_subcommand_from export" -l exclude-mysql
complete -c kato -n "__fish_kato_using_subcommand data; and __fish_seen_subcommand_from export" -l postgresql
complete -c kato -n "__fish_kato_using_subcommand data; and __fish_seen_subcommand_from export" -l exclude-postgresql
complete -c kato -n "__fish_kato_using_subcommand data; and __fish_seen_subcommand_from export" -l mongodb
complete -c kato -n "__fish_kato_using_subcommand data; and __fish_seen_subcommand_from export" -l exclude-mongodb
complete -c kato -n "__fish_kato_using_subcommand data; and __fish_seen_subcommand_from export" -l memcached
complete -c kato -n "__fish_kato_using_subcommand data; and __fish_seen_subcommand_from export" -l exclude-memcached
complete -c kato -n "__fish_kato_using_subcommand data; and __fish_seen_subcommand_from export" -l redis
complete -c kato -n "__fish_kato_using_subcommand data; and __fish_seen_subcommand_from export" -l exclude-redis
complete -c kato -n "__fish_kato_using_subcommand data; and __fish_seen_subcommand_from export" -l rabbit
complete -c kato -n "__fish_kato_using_subcommand data; and __fish_seen_subcommand_from export" -l exclude-rabbit
complete -c kato -n "__fish_kato_using_subcommand data; and __fish_seen_subcommand_from export" -l rabbit3
complete -c kato -n "__fish_kato_using_subcommand data; and __fish_seen_subcommand_from export" -l exclude-rabbit3
complete -c kato -n "__fish_kato_using_subcommand data; and __fish_seen_subcommand_from export" -l exclude-filesystem-data
complete -c kato -n "__fish_kato_using_subcommand data; and __fish_seen_subcommand_from export" -l exclude-filesystem-user-creation
complete -c kato -n "__fish_kato_using_subcommand data; and __fish_seen_subcommand_from export" -l exclude-harbor-data
complete -c kato -n "__fish_kato_using_subcommand data; and __fish_seen_subcommand_from export" -l exclude-harbor-metadata
complete -c kato -n "__fish_kato_using_subcommand data; and __fish_seen_subcommand_from export" -l exclude-mysql-data
complete -c kato -n "__fish_kato_using_subcommand data; and __fish_seen_subcommand_from export" -l exclude-mysql-metadata
complete -c kato -n "__fish_kato_using_subcommand data; and __fish_seen_subcommand_from export" -l exclude-postgresql-data
complete -c kato -n "__fish_kato_using_subcommand data; and __fish_seen_subcommand_from export" -l exclude-postgresql-metadata
complete -c kato -n "__fish_kato_using_subcommand data; and __fish_seen_subcommand_from export" -l exclude-mongodb-data
complete -c kato -n "__fish_kato_using_subcommand data; and __fish_seen_subcommand_from export" -l exclude-mongodb-metadata
complete -c kato -n "__fish_kato_using_subcommand data; and __fish_seen_subcommand_from export" -l exclude-memcached-data
complete -c kato -n "__fish_kato_using_subcommand data; and __fish_seen_subcommand_from export" -l exclude-memcached-metadata
complete -c kato -n "__fish_kato_using_subcommand data; and __fish_seen_subcommand_from export" -l exclude-redis-data
complete -c kato -n "__fish_kato_using_subcommand data; and __fish_seen_subcommand_from export" -l exclude-redis-metadata
complete -c kato -n "__fish_kato_using_subcommand data; and __fish_seen_subcommand_from export" -l exclude-rabbit-data
complete -c kato -n "__fish_kato_using_subcommand data; and __fish_seen_subcommand_from export" -l exclude-rabbit-metadata
complete -c kato -n "__fish_kato_using_subcommand data; and __fish_seen_subcommand_from export" -l exclude-rabbit3-data
complete -c kato -n "__fish_kato_using_subcommand data; and __fish_seen_subcommand_from export" -l exclude-rabbit3-metadata
complete -c kato -n "__fish_kato_using_subcommand data; and __fish_seen_subcommand_from export" -s v -l verbose -d 'Show more detail (per-process lines, error causes)'
complete -c kato -n "__fish_kato_using_subcommand data; and __fish_seen_subcommand_from export" -s q -l quiet -d 'Print only results, warnings and errors'
complete -c kato -n "__fish_kato_using_subcommand data; and __fish_seen_subcommand_from export" -l yes -d 'Answer yes to every confirmation'
complete -c kato -n "__fish_kato_using_subcommand data; and __fish_seen_subcommand_from export" -l accept-new-host-key -d 'Trust and remember the host key of a node seen for the first time'
complete -c kato -n "__fish_kato_using_subcommand data; and __fish_seen_subcommand_from export" -s h -l help -d 'Print help'
complete -c kato -n "__fish_kato_using_subcommand data; and __fish_seen_subcommand_from import" -l root -d 'Directory every file kato reads or writes lives under' -r -F
complete -c kato -n "__fish_kato_using_subcommand data; and __fish_seen_subcommand_from import" -l ssh-user -d 'SSH user for reaching other nodes [env: KATO_SSH_USER; default: stackato]' -r
complete -c kato -n "__fish_kato_using_subcommand data; and __fish_seen_subcommand_from import" -s i -l identity -d 'SSH private key for reaching other nodes [env: KATO_SSH_IDENTITY]' -r -F
complete -c kato -n "__fish_kato_using_subcommand data; and __fish_seen_subcommand_from import" -l password-file -d 'File holding the SSH password (first line) [env: KATO_SSH_PASSWORD_FILE]' -r -F
complete -c kato -n "__fish_kato_using_subcommand data; and __fish_seen_subcommand_from import" -s c -l cluster -d 'Operate on the entire cluster'
complete -c kato -n "__fish_kato_using_subcommand data; and __fish_seen_subcommand_from import" -s o -l only-this-node -d 'Only affect this node'
complete -c kato -n "__fish_kato_using_subcommand data; and __fish_seen_subcommand_from import" -s m -l manual -d 'Only this node\'s roles (kato exports every role of the node)'
complete -c kato -n "__fish_kato_using_subcommand data; and __fish_seen_subcommand_from import" -s f -l force -d 'Accepted with --manual (implies --only-this-node)'
complete -c kato -n "__fish_kato_using_subcommand data; and __fish_seen_subcommand_from import" -l only-users-orgs
complete -c kato -n "__fish_kato_using_subcommand data; and __fish_seen_subcommand_from import" -l droplets
complete -c kato -n "__fish_kato_using_subcommand data; and __fish_seen_subcommand_from import" -l exclude-droplets
complete -c kato -n "__fish_kato_using_subcommand data; and __fish_seen_subcommand_from import" -l packages
complete -c kato -n "__fish_kato_using_subcommand data; and __fish_seen_subcommand_from import" -l exclude-packages
complete -c kato -n "__fish_kato_using_subcommand data; and __fish_seen_subcommand_from import" -l resources
complete -c kato -n "__fish_kato_using_subcommand data; and __fish_seen_subcommand_from import" -l exclude-resources
complete -c kato -n "__fish_kato_using_subcommand data; and __fish_seen_subcommand_from import" -l license
complete -c kato -n "__fish_kato_using_subcommand data; and __fish_seen_subcommand_from import" -l exclude-license
complete -c kato -n "__fish_kato_using_subcommand data; and __fish_seen_subcommand_from import" -l db-encryption-key
complete -c kato -n "__fish_kato_using_subcommand data; and __fish_seen_subcommand_from import" -l exclude-db-encryption-key
complete -c kato -n "__fish_kato_using_subcommand data; and __fish_seen_subcommand_from import" -l main-db
complete -c kato -n "__fish_kato_using_subcommand data; and __fish_seen_subcommand_from import" -l exclude-main-db
complete -c kato -n "__fish_kato_using_subcommand data; and __fish_seen_subcommand_from import" -l aok-db
complete -c kato -n "__fish_kato_using_subcommand data; and __fish_seen_subcommand_from import" -l exclude-aok-db
complete -c kato -n "__fish_kato_using_subcommand data; and __fish_seen_subcommand_from import" -l aok-config
complete -c kato -n "__fish_kato_using_subcommand data; and __fish_seen_subcommand_from import" -l exclude-aok-config
complete -c kato -n "__fish_kato_using_subcommand data; and __fish_seen_subcommand_from import" -l stackato-rest-db
complete -c kato -n "__fish_kato_using_subcommand data; and __fish_seen_subcommand_from import" -l exclude-stackato-rest-db
complete -c kato -n "__fish_kato_using_subcommand data; and __fish_seen_subcommand_from import" -l filesystem
complete -c kato -n "__fish_kato_using_subcommand data; and __fish_seen_subcommand_from import" -l exclude-filesystem
complete -c kato -n "__fish_kato_using_subcommand data; and __fish_seen_subcommand_from import" -l harbor
complete -c kato -n "__fish_kato_using_subcommand data; and __fish_seen_subcommand_from import" -l exclude-harbor
complete -c kato -n "__fish_kato_using_subcommand data; and __fish_seen_subcommand_from import" -l mysql
complete -c kato -n "__fish_kato_using_subcommand data; and __fish_seen_subcommand_from import" -l exclude-mysql
complete -c kato -n "__fish_kato_using_subcommand data; and __fish_seen_subcommand_from import" -l postgresql
complete -c kato -n "__fish_kato_using_subcommand data; and __fish_seen_subcommand_from import" -l exclude-postgresql
complete -c kato -n "__fish_kato_using_subcommand data; and __fish_seen_subcommand_from import" -l mongodb
complete -c kato -n "__fish_kato_using_subcommand data; and __fish_seen_subcommand_from import" -l exclude-mongodb
complete -c kato -n "__fish_kato_using_subcommand data; and __fish_seen_subcommand_from import" -l memcached
complete -c kato -n "__fish_kato_using_subcommand data; and __fish_seen_subcommand_from import" -l exclude-memcached
complete -c kato -n "__fish_kato_using_subcommand data; and __fish_seen_subcommand_from import" -l redis
complete -c kato -n "__fish_kato_using_subcommand data; and __fish_seen_subcommand_from import" -l exclude-redis
complete -c kato -n "__fish_kato_using_subcommand data; and __fish_seen_subcommand_from import" -l rabbit
complete -c kato -n "__fish_kato_using_subcommand data; and __fish_seen_subcommand_from import" -l exclude-rabbit
complete -c kato -n "__fish_kato_using_subcommand data; and __fish_seen_subcommand_from import" -l rabbit3
complete -c kato -n "__fish_kato_using_subcommand data; and __fish_seen_subcommand_from import" -l exclude-rabbit3
complete -c kato -n "__fish_kato_using_subcommand data; and __fish_seen_subcommand_from import" -l exclude-filesystem-data
complete -c kato -n "__fish_kato_using_subcommand data; and __fish_seen_subcommand_from import" -l exclude-filesystem-user-creation
complete -c kato -n "__fish_kato_using_subcommand data; and __fish_seen_subcommand_from import" -l exclude-harbor-data
complete -c kato -n "__fish_kato_using_subcommand data; and __fish_seen_subcommand_from import" -l exclude-harbor-metadata
complete -c kato -n "__fish_kato_using_subcommand data; and __fish_seen_subcommand_from import" -l exclude-mysql-data
complete -c kato -n "__fish_kato_using_subcommand data; and __fish_seen_subcommand_from import" -l exclude-mysql-metadata
complete -c kato -n "__fish_kato_using_subcommand data; and __fish_seen_subcommand_from import" -l exclude-postgresql-data
complete -c kato -n "__fish_kato_using_subcommand data; and __fish_seen_subcommand_from import" -l exclude-postgresql-metadata
complete -c kato -n "__fish_kato_using_subcommand data; and __fish_seen_subcommand_from import" -l exclude-mongodb-data
complete -c kato -n "__fish_kato_using_subcommand data; and __fish_seen_subcommand_from import" -l exclude-mongodb-metadata
complete -c kato -n "__fish_kato_using_subcommand data; and __fish_seen_subcommand_from import" -l exclude-memcached-data
complete -c kato -n "__fish_kato_using_subcommand data; and __fish_seen_subcommand_from import" -l exclude-memcached-metadata
complete -c kato -n "__fish_kato_using_subcommand data; and __fish_seen_subcommand_from import" -l exclude-redis-data
complete -c kato -n "__fish_kato_using_subcommand data; and __fish_seen_subcommand_from import" -l exclude-redis-metadata
complete -c kato -n "__fish_kato_using_subcommand data; and __fish_seen_subcommand_from import" -l exclude-rabbit-data
complete -c kato -n "__fish_kato_using_subcommand data; and __fish_seen_subcommand_from import" -l exclude-rabbit-metadata
complete -c kato -n "__fish_kato_using_subcommand data; and __fish_seen_subcommand_from import" -l exclude-rabbit3-data
complete -c kato -n "__fish_kato_using_subcommand data; and __fish_seen_subcommand_from import" -l exclude-rabbit3-metadata
complete -c kato -n "__fish_kato_using_subcommand data; and __fish_seen_subcommand_from import" -l dry-run -d 'Check the archive and show the steps, and change nothing'
complete -c kato -n "__fish_kato_using_subcommand data; and __fish_seen_subcommand_from import" -s v -l verbose -d 'Show more detail (per-process lines, error causes)'
complete -c kato -n "__fish_kato_using_subcommand data; and __fish_seen_subcommand_from import" -s q -l quiet -d 'Print only results, warnings and errors'
complete -c kato -n "__fish_kato_using_subcommand data; and __fish_seen_subcommand_from import" -l yes -d 'Answer yes to every confirmation'
complete -c kato -n "__fish_kato_using_subcommand data; and __fish_seen_subcommand_from import" -l accept-new-host-key -d 'Trust and remember the host key of a node seen for the first time'
complete -c kato -n "__fish_kato_using_subcommand data; and __fish_seen_subcommand_from import" -s h -l help -d 'Print help'
complete -c kato -n "__fish_kato_using_subcommand data; and __fish_seen_subcommand_from help" -f -a "export" -d 'Export kato\'s state and service data to a .tgz'
complete -c kato -n "__fish_kato_using_subcommand data; and __fish_seen_subcommand_from help" -f -a "import" -d 'Import an export made by \'kato data export\' (checked whole before anything changes)'
complete -c kato -n "__fish_kato_using_subcommand data; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kato -n "__fish_kato_using_subcommand history" -s n -l node -d 'Only the commands run on this cluster node' -r
complete -c kato -n "__fish_kato_using_subcommand history" -l root -d 'Directory every file kato reads or writes lives under' -r -F
complete -c kato -n "__fish_kato_using_subcommand history" -l ssh-user -d 'SSH user for reaching other nodes [env: KATO_SSH_USER; default: stackato]' -r
complete -c kato -n "__fish_kato_using_subcommand history" -s i -l identity -d 'SSH private key for reaching other nodes [env: KATO_SSH_IDENTITY]' -r -F
complete -c kato -n "__fish_kato_using_subcommand history" -l password-file -d 'File holding the SSH password (first line) [env: KATO_SSH_PASSWORD_FILE]' -r -F
complete -c kato -n "__fish_kato_using_subcommand history" -s l -l local -d 'Only this node\'s record (read here, the core is not asked)'
complete -c kato -n "__fish_kato_using_subcommand history" -s j -l json -d 'Print JSON'
complete -c kato -n "__fish_kato_using_subcommand history" -s y -l yaml -d 'Print YAML'
complete -c kato -n "__fish_kato_using_subcommand history" -s v -l verbose -d 'Show more detail (per-process lines, error causes)'
complete -c kato -n "__fish_kato_using_subcommand history" -s q -l quiet -d 'Print only results, warnings and errors'
complete -c kato -n "__fish_kato_using_subcommand history" -l yes -d 'Answer yes to every confirmation'
complete -c kato -n "__fish_kato_using_subcommand history" -l accept-new-host-key -d 'Trust and remember the host key of a node seen for the first time'
complete -c kato -n "__fish_kato_using_subcommand history" -s h -l help -d 'Print help'
complete -c kato -n "__fish_kato_using_subcommand info" -s n -l node -d 'Show a specific cluster node' -r
complete -c kato -n "__fish_kato_using_subcommand info" -l root -d 'Directory every file kato reads or writes lives under' -r -F
complete -c kato -n "__fish_kato_using_subcommand info" -l ssh-user -d 'SSH user for reaching other nodes [env: KATO_SSH_USER; default: stackato]' -r
complete -c kato -n "__fish_kato_using_subcommand info" -s i -l identity -d 'SSH private key for reaching other nodes [env: KATO_SSH_IDENTITY]' -r -F
complete -c kato -n "__fish_kato_using_subcommand info" -l password-file -d 'File holding the SSH password (first line) [env: KATO_SSH_PASSWORD_FILE]' -r -F
complete -c kato -n "__fish_kato_using_subcommand info" -s j -l json -d 'Print JSON'
complete -c kato -n "__fish_kato_using_subcommand info" -s y -l yaml -d 'Print YAML'
complete -c kato -n "__fish_kato_using_subcommand info" -s v -l verbose -d 'Show more detail (per-process lines, error causes)'
complete -c kato -n "__fish_kato_using_subcommand info" -s q -l quiet -d 'Print only results, warnings and errors'
complete -c kato -n "__fish_kato_using_subcommand info" -l yes -d 'Answer yes to every confirmation'
complete -c kato -n "__fish_kato_using_subcommand info" -l accept-new-host-key -d 'Trust and remember the host key of a node seen for the first time'
complete -c kato -n "__fish_kato_using_subcommand info" -s h -l help -d 'Print help'
complete -c kato -n "__fish_kato_using_subcommand inspect" -l root -d 'Directory every file kato reads or writes lives under' -r -F
complete -c kato -n "__fish_kato_using_subcommand inspect" -l ssh-user -d 'SSH user for reaching other nodes [env: KATO_SSH_USER; default: stackato]' -r
complete -c kato -n "__fish_kato_using_subcommand inspect" -s i -l identity -d 'SSH private key for reaching other nodes [env: KATO_SSH_IDENTITY]' -r -F
complete -c kato -n "__fish_kato_using_subcommand inspect" -l password-file -d 'File holding the SSH password (first line) [env: KATO_SSH_PASSWORD_FILE]' -r -F
complete -c kato -n "__fish_kato_using_subcommand inspect" -s j -l json -d 'Print JSON'
complete -c kato -n "__fish_kato_using_subcommand inspect" -s y -l yaml -d 'Print YAML'
complete -c kato -n "__fish_kato_using_subcommand inspect" -s v -l verbose -d 'Show more detail (per-process lines, error causes)'
complete -c kato -n "__fish_kato_using_subcommand inspect" -s q -l quiet -d 'Print only results, warnings and errors'
complete -c kato -n "__fish_kato_using_subcommand inspect" -l yes -d 'Answer yes to every confirmation'
complete -c kato -n "__fish_kato_using_subcommand inspect" -l accept-new-host-key -d 'Trust and remember the host key of a node seen for the first time'
complete -c kato -n "__fish_kato_using_subcommand inspect" -s h -l help -d 'Print help'
complete -c kato -n "__fish_kato_using_subcommand license; and not __fish_seen_subcommand_from set enable disable help" -l root -d 'Directory every file kato reads or writes lives under' -r -F
complete -c kato -n "__fish_kato_using_subcommand license; and not __fish_seen_subcommand_from set enable disable help" -l ssh-user -d 'SSH user for reaching other nodes [env: KATO_SSH_USER; default: stackato]' -r
complete -c kato -n "__fish_kato_using_subcommand license; and not __fish_seen_subcommand_from set enable disable help" -s i -l identity -d 'SSH private key for reaching other nodes [env: KATO_SSH_IDENTITY]' -r -F
complete -c kato -n "__fish_kato_using_subcommand license; and not __fish_seen_subcommand_from set enable disable help" -l password-file -d 'File holding the SSH password (first line) [env: KATO_SSH_PASSWORD_FILE]' -r -F
complete -c kato -n "__fish_kato_using_subcommand license; and not __fish_seen_subcommand_from set enable disable help" -s v -l verbose -d 'Show more detail (per-process lines, error causes)'
complete -c kato -n "__fish_kato_using_subcommand license; and not __fish_seen_subcommand_from set enable disable help" -s q -l quiet -d 'Print only results, warnings and errors'
complete -c kato -n "__fish_kato_using_subcommand license; and not __fish_seen_subcommand_from set enable disable help" -l yes -d 'Answer yes to every confirmation'
complete -c kato -n "__fish_kato_using_subcommand license; and not __fish_seen_subcommand_from set enable disable help" -l accept-new-host-key -d 'Trust and remember the host key of a node seen for the first time'
complete -c kato -n "__fish_kato_using_subcommand license; and not __fish_seen_subcommand_from set enable disable help" -s h -l help -d 'Print help'
complete -c kato -n "__fish_kato_using_subcommand license; and not __fish_seen_subcommand_from set enable disable help" -f -a "set" -d 'Set the license (read from stdin when VALUE is not given)'
complete -c kato -n "__fish_kato_using_subcommand license; and not __fish_seen_subcommand_from set enable disable help" -f -a "enable" -d 'Enforce the license that is set'
complete -c kato -n "__fish_kato_using_subcommand license; and not __fish_seen_subcommand_from set enable disable help" -f -a "disable" -d 'Stop enforcing the license'
complete -c kato -n "__fish_kato_using_subcommand license; and not __fish_seen_subcommand_from set enable disable help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kato -n "__fish_kato_using_subcommand license; and __fish_seen_subcommand_from set" -l root -d 'Directory every file kato reads or writes lives under' -r -F
complete -c kato -n "__fish_kato_using_subcommand license; and __fish_seen_subcommand_from set" -l ssh-user -d 'SSH user for reaching other nodes [env: KATO_SSH_USER; default: stackato]' -r
complete -c kato -n "__fish_kato_using_subcommand license; and __fish_seen_subcommand_from set" -s i -l identity -d 'SSH private key for reaching other nodes [env: KATO_SSH_IDENTITY]' -r -F
complete -c kato -n "__fish_kato_using_subcommand license; and __fish_seen_subcommand_from set" -l password-file -d 'File holding the SSH password (first line) [env: KATO_SSH_PASSWORD_FILE]' -r -F
complete -c kato -n "__fish_kato_using_subcommand license; and __fish_seen_subcommand_from set" -l dry-run -d 'Show what would change, and change nothing'
complete -c kato -n "__fish_kato_using_subcommand license; and __fish_seen_subcommand_from set" -s v -l verbose -d 'Show more detail (per-process lines, error causes)'
complete -c kato -n "__fish_kato_using_subcommand license; and __fish_seen_subcommand_from set" -s q -l quiet -d 'Print only results, warnings and errors'
complete -c kato -n "__fish_kato_using_subcommand license; and __fish_seen_subcommand_from set" -l yes -d 'Answer yes to every confirmation'
complete -c kato -n "__fish_kato_using_subcommand license; and __fish_seen_subcommand_from set" -l accept-new-host-key -d 'Trust and remember the host key of a node seen for the first time'
complete -c kato -n "__fish_kato_using_subcommand license; and __fish_seen_subcommand_from set" -s h -l help -d 'Print help'
complete -c kato -n "__fish_kato_using_subcommand license; and __fish_seen_subcommand_from enable" -l root -d 'Directory every file kato reads or writes lives under' -r -F
complete -c kato -n "__fish_kato_using_subcommand license; and __fish_seen_subcommand_from enable" -l ssh-user -d 'SSH user for reaching other nodes [env: KATO_SSH_USER; default: stackato]' -r
complete -c kato -n "__fish_kato_using_subcommand license; and __fish_seen_subcommand_from enable" -s i -l identity -d 'SSH private key for reaching other nodes [env: KATO_SSH_IDENTITY]' -r -F
complete -c kato -n "__fish_kato_using_subcommand license; and __fish_seen_subcommand_from enable" -l password-file -d 'File holding the SSH password (first line) [env: KATO_SSH_PASSWORD_FILE]' -r -F
complete -c kato -n "__fish_kato_using_subcommand license; and __fish_seen_subcommand_from enable" -l dry-run -d 'Show what would change, and change nothing'
complete -c kato -n "__fish_kato_using_subcommand license; and __fish_seen_subcommand_from enable" -s v -l verbose -d 'Show more detail (per-process lines, error causes)'
complete -c kato -n "__fish_kato_using_subcommand license; and __fish_seen_subcommand_from enable" -s q -l quiet -d 'Print only results, warnings and errors'
complete -c kato -n "__fish_kato_using_subcommand license; and __fish_seen_subcommand_from enable" -l yes -d 'Answer yes to every confirmation'
complete -c kato -n "__fish_kato_using_subcommand license; and __fish_seen_subcommand_from enable" -l accept-new-host-key -d 'Trust and remember the host key of a node seen for the first time'
complete -c kato -n "__fish_kato_using_subcommand license; and __fish_seen_subcommand_from enable" -s h -l help -d 'Print help'
complete -c kato -n "__fish_kato_using_subcommand license; and __fish_seen_subcommand_from disable" -l root -d 'Directory every file kato reads or writes lives under' -r -F
complete -c kato -n "__fish_kato_using_subcommand license; and __fish_seen_subcommand_from disable" -l ssh-user -d 'SSH user for reaching other nodes [env: KATO_SSH_USER; default: stackato]' -r
complete -c kato -n "__fish_kato_using_subcommand license; and __fish_seen_subcommand_from disable" -s i -l identity -d 'SSH private key for reaching other nodes [env: KATO_SSH_IDENTITY]' -r -F
complete -c kato -n "__fish_kato_using_subcommand license; and __fish_seen_subcommand_from disable" -l password-file -d 'File holding the SSH password (first line) [env: KATO_SSH_PASSWORD_FILE]' -r -F
complete -c kato -n "__fish_kato_using_subcommand license; and __fish_seen_subcommand_from disable" -l dry-run -d 'Show what would change, and change nothing'
complete -c kato -n "__fish_kato_using_subcommand license; and __fish_seen_subcommand_from disable" -s v -l verbose -d 'Show more detail (per-process lines, error causes)'
complete -c kato -n "__fish_kato_using_subcommand license; and __fish_seen_subcommand_from disable" -s q -l quiet -d 'Print only results, warnings and errors'
complete -c kato -n "__fish_kato_using_subcommand license; and __fish_seen_subcommand_from disable" -l yes -d 'Answer yes to every confirmation'
complete -c kato -n "__fish_kato_using_subcommand license; and __fish_seen_subcommand_from disable" -l accept-new-host-key -d 'Trust and remember the host key of a node seen for the first time'
complete -c kato -n "__fish_kato_using_subcommand license; and __fish_seen_subcommand_from disable" -s h -l help -d 'Print help'
complete -c kato -n "__fish_kato_using_subcommand license; and __fish_seen_subcommand_from help" -f -a "set" -d 'Set the license (read from stdin when VALUE is not given)'
complete -c kato -n "__fish_kato_using_subcommand license; and __fish_seen_subcommand_from help" -f -a "enable" -d 'Enforce the license that is set'
complete -c kato -n "__fish_kato_using_subcommand license; and __fish_seen_subcommand_from help" -f -a "disable" -d 'Stop enforcing the license'
complete -c kato -n "__fish_kato_using_subcommand license; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kato -n "__fish_kato_using_subcommand log; and not __fish_seen_subcommand_from tail drain stream help" -l root -d 'Directory every file kato reads or writes lives under' -r -F
complete -c kato -n "__fish_kato_using_subcommand log; and not __fish_seen_subcommand_from tail drain stream help" -l ssh-user -d 'SSH user for reaching other nodes [env: KATO_SSH_USER; default: stackato]' -r
complete -c kato -n "__fish_kato_using_subcommand log; and not __fish_seen_subcommand_from tail drain stream help" -s i -l identity -d 'SSH private key for reaching other nodes [env: KATO_SSH_IDENTITY]' -r -F
complete -c kato -n "__fish_kato_using_subcommand log; and not __fish_seen_subcommand_from tail drain stream help" -l password-file -d 'File holding the SSH password (first line) [env: KATO_SSH_PASSWORD_FILE]' -r -F
complete -c kato -n "__fish_kato_using_subcommand log; and not __fish_seen_subcommand_from tail drain stream help" -s v -l verbose -d 'Show more detail (per-process lines, error causes)'
complete -c kato -n "__fish_kato_using_subcommand log; and not __fish_seen_subcommand_from tail drain stream help" -s q -l quiet -d 'Print only results, warnings and errors'
complete -c kato -n "__fish_kato_using_subcommand log; and not __fish_seen_subcommand_from tail drain stream help" -l yes -d 'Answer yes to every confirmation'
complete -c kato -n "__fish_kato_using_subcommand log; and not __fish_seen_subcommand_from tail drain stream help" -l accept-new-host-key -d 'Trust and remember the host key of a node seen for the first time'
complete -c kato -n "__fish_kato_using_subcommand log; and not __fish_seen_subcommand_from tail drain stream help" -s h -l help -d 'Print help'
complete -c kato -n "__fish_kato_using_subcommand log; and not __fish_seen_subcommand_from tail drain stream help" -f -a "tail" -d 'Show (and follow) the logs of processes, from every node of the cluster'
complete -c kato -n "__fish_kato_using_subcommand log; and not __fish_seen_subcommand_from tail drain stream help" -f -a "drain" -d 'Log drain management: send every node\'s process logs to a receiver'
complete -c kato -n "__fish_kato_using_subcommand log; and not __fish_seen_subcommand_from tail drain stream help" -f -a "stream" -d 'Stream log keys from every node (systail: every process; systail.PROCESS: one)'
complete -c kato -n "__fish_kato_using_subcommand log; and not __fish_seen_subcommand_from tail drain stream help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kato -n "__fish_kato_using_subcommand log; and __fish_seen_subcommand_from tail" -s n -d 'A number: lines to show from each log (default 10); an IP: only that node' -r
complete -c kato -n "__fish_kato_using_subcommand log; and __fish_seen_subcommand_from tail" -l lines -d 'Lines to show from each log before following' -r
complete -c kato -n "__fish_kato_using_subcommand log; and __fish_seen_subcommand_from tail" -l node -d 'Only this node' -r
complete -c kato -n "__fish_kato_using_subcommand log; and __fish_seen_subcommand_from tail" -l root -d 'Directory every file kato reads or writes lives under' -r -F
complete -c kato -n "__fish_kato_using_subcommand log; and __fish_seen_subcommand_from tail" -l ssh-user -d 'SSH user for reaching other nodes [env: KATO_SSH_USER; default: stackato]' -r
complete -c kato -n "__fish_kato_using_subcommand log; and __fish_seen_subcommand_from tail" -s i -l identity -d 'SSH private key for reaching other nodes [env: KATO_SSH_IDENTITY]' -r -F
complete -c kato -n "__fish_kato_using_subcommand log; and __fish_seen_subcommand_from tail" -l password-file -d 'File holding the SSH password (first line) [env: KATO_SSH_PASSWORD_FILE]' -r -F
complete -c kato -n "__fish_kato_using_subcommand log; and __fish_seen_subcommand_from tail" -s l -l local -d 'Only the node kato runs on'
complete -c kato -n "__fish_kato_using_subcommand log; and __fish_seen_subcommand_from tail" -s f -l follow -d 'Keep following the logs (nodes that drop are reconnected)'
complete -c kato -n "__fish_kato_using_subcommand log; and __fish_seen_subcommand_from tail" -l json -d 'One JSON object per line: {"process", "node", "text"}'
complete -c kato -n "__fish_kato_using_subcommand log; and __fish_seen_subcommand_from tail" -l raw -d 'Show lines as they are (keep leading timestamps, and logyard\'s INFO records)'
complete -c kato -n "__fish_kato_using_subcommand log; and __fish_seen_subcommand_from tail" -l time -d 'Prefix each line with the time it is shown'
complete -c kato -n "__fish_kato_using_subcommand log; and __fish_seen_subcommand_from tail" -l no-color -d 'Turn off colour (on by default at a terminal)'
complete -c kato -n "__fish_kato_using_subcommand log; and __fish_seen_subcommand_from tail" -s v -l verbose -d 'Show more detail (per-process lines, error causes)'
complete -c kato -n "__fish_kato_using_subcommand log; and __fish_seen_subcommand_from tail" -s q -l quiet -d 'Print only results, warnings and errors'
complete -c kato -n "__fish_kato_using_subcommand log; and __fish_seen_subcommand_from tail" -l yes -d 'Answer yes to every confirmation'
complete -c kato -n "__fish_kato_using_subcommand log; and __fish_seen_subcommand_from tail" -l accept-new-host-key -d 'Trust and remember the host key of a node seen for the first time'
complete -c kato -n "__fish_kato_using_subcommand log; and __fish_seen_subcommand_from tail" -s h -l help -d 'Print help'
complete -c kato -n "__fish_kato_using_subcommand log; and __fish_seen_subcommand_from drain" -l root -d 'Directory every file kato reads or writes lives under' -r -F
complete -c kato -n "__fish_kato_using_subcommand log; and __fish_seen_subcommand_from drain" -l ssh-user -d 'SSH user for reaching other nodes [env: KATO_SSH_USER; default: stackato]' -r
complete -c kato -n "__fish_kato_using_subcommand log; and __fish_seen_subcommand_from drain" -s i -l identity -d 'SSH private key for reaching other nodes [env: KATO_SSH_IDENTITY]' -r -F
complete -c kato -n "__fish_kato_using_subcommand log; and __fish_seen_subcommand_from drain" -l password-file -d 'File holding the SSH password (first line) [env: KATO_SSH_PASSWORD_FILE]' -r -F
complete -c kato -n "__fish_kato_using_subcommand log; and __fish_seen_subcommand_from drain" -s v -l verbose -d 'Show more detail (per-process lines, error causes)'
complete -c kato -n "__fish_kato_using_subcommand log; and __fish_seen_subcommand_from drain" -s q -l quiet -d 'Print only results, warnings and errors'
complete -c kato -n "__fish_kato_using_subcommand log; and __fish_seen_subcommand_from drain" -l yes -d 'Answer yes to every confirmation'
complete -c kato -n "__fish_kato_using_subcommand log; and __fish_seen_subcommand_from drain" -l accept-new-host-key -d 'Trust and remember the host key of a node seen for the first time'
complete -c kato -n "__fish_kato_using_subcommand log; and __fish_seen_subcommand_from drain" -s h -l help -d 'Print help'
complete -c kato -n "__fish_kato_using_subcommand log; and __fish_seen_subcommand_from drain" -f -a "add" -d 'Add a new log drain.'
complete -c kato -n "__fish_kato_using_subcommand log; and __fish_seen_subcommand_from drain" -f -a "delete" -d 'Delete a drain'
complete -c kato -n "__fish_kato_using_subcommand log; and __fish_seen_subcommand_from drain" -f -a "list" -d 'List all log drains'
complete -c kato -n "__fish_kato_using_subcommand log; and __fish_seen_subcommand_from drain" -f -a "status" -d 'Show the status of all or specified log drains'
complete -c kato -n "__fish_kato_using_subcommand log; and __fish_seen_subcommand_from drain" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kato -n "__fish_kato_using_subcommand log; and __fish_seen_subcommand_from stream" -s n -l node -d 'Only show logs from a specific cluster node' -r
complete -c kato -n "__fish_kato_using_subcommand log; and __fish_seen_subcommand_from stream" -l root -d 'Directory every file kato reads or writes lives under' -r -F
complete -c kato -n "__fish_kato_using_subcommand log; and __fish_seen_subcommand_from stream" -l ssh-user -d 'SSH user for reaching other nodes [env: KATO_SSH_USER; default: stackato]' -r
complete -c kato -n "__fish_kato_using_subcommand log; and __fish_seen_subcommand_from stream" -s i -l identity -d 'SSH private key for reaching other nodes [env: KATO_SSH_IDENTITY]' -r -F
complete -c kato -n "__fish_kato_using_subcommand log; and __fish_seen_subcommand_from stream" -l password-file -d 'File holding the SSH password (first line) [env: KATO_SSH_PASSWORD_FILE]' -r -F
complete -c kato -n "__fish_kato_using_subcommand log; and __fish_seen_subcommand_from stream" -l json -d 'Show the original JSON (`<key> <json>`)'
complete -c kato -n "__fish_kato_using_subcommand log; and __fish_seen_subcommand_from stream" -l raw -d 'Show unformatted logs (leading timestamps kept)'
complete -c kato -n "__fish_kato_using_subcommand log; and __fish_seen_subcommand_from stream" -l time -d 'Show a timestamp'
complete -c kato -n "__fish_kato_using_subcommand log; and __fish_seen_subcommand_from stream" -l no-color -d 'Turn off color'
complete -c kato -n "__fish_kato_using_subcommand log; and __fish_seen_subcommand_from stream" -s l -l local -d 'Only show logs from the current node'
complete -c kato -n "__fish_kato_using_subcommand log; and __fish_seen_subcommand_from stream" -s v -l verbose -d 'Show more detail (per-process lines, error causes)'
complete -c kato -n "__fish_kato_using_subcommand log; and __fish_seen_subcommand_from stream" -s q -l quiet -d 'Print only results, warnings and errors'
complete -c kato -n "__fish_kato_using_subcommand log; and __fish_seen_subcommand_from stream" -l yes -d 'Answer yes to every confirmation'
complete -c kato -n "__fish_kato_using_subcommand log; and __fish_seen_subcommand_from stream" -l accept-new-host-key -d 'Trust and remember the host key of a node seen for the first time'
complete -c kato -n "__fish_kato_using_subcommand log; and __fish_seen_subcommand_from stream" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kato -n "__fish_kato_using_subcommand log; and __fish_seen_subcommand_from help" -f -a "tail" -d 'Show (and follow) the logs of processes, from every node of the cluster'
complete -c kato -n "__fish_kato_using_subcommand log; and __fish_seen_subcommand_from help" -f -a "drain" -d 'Log drain management: send every node\'s process logs to a receiver'
complete -c kato -n "__fish_kato_using_subcommand log; and __fish_seen_subcommand_from help" -f -a "stream" -d 'Stream log keys from every node (systail: every process; systail.PROCESS: one)'
complete -c kato -n "__fish_kato_using_subcommand log; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kato -n "__fish_kato_using_subcommand node; and not __fish_seen_subcommand_from attach availabilityzone detach list migrate placementzones reattach remove rename reset retire setup update upgrade version help" -l root -d 'Directory every file kato reads or writes lives under' -r -F
complete -c kato -n "__fish_kato_using_subcommand node; and not __fish_seen_subcommand_from attach availabilityzone detach list migrate placementzones reattach remove rename reset retire setup update upgrade version help" -l ssh-user -d 'SSH user for reaching other nodes [env: KATO_SSH_USER; default: stackato]' -r
complete -c kato -n "__fish_kato_using_subcommand node; and not __fish_seen_subcommand_from attach availabilityzone detach list migrate placementzones reattach remove rename reset retire setup update upgrade version help" -s i -l identity -d 'SSH private key for reaching other nodes [env: KATO_SSH_IDENTITY]' -r -F
complete -c kato -n "__fish_kato_using_subcommand node; and not __fish_seen_subcommand_from attach availabilityzone detach list migrate placementzones reattach remove rename reset retire setup update upgrade version help" -l password-file -d 'File holding the SSH password (first line) [env: KATO_SSH_PASSWORD_FILE]' -r -F
complete -c kato -n "__fish_kato_using_subcommand node; and not __fish_seen_subcommand_from attach availabilityzone detach list migrate placementzones reattach remove rename reset retire setup update upgrade version help" -s v -l verbose -d 'Show more detail (per-process lines, error causes)'
complete -c kato -n "__fish_kato_using_subcommand node; and not __fish_seen_subcommand_from attach availabilityzone detach list migrate placementzones reattach remove rename reset retire setup update upgrade version help" -s q -l quiet -d 'Print only results, warnings and errors'
complete -c kato -n "__fish_kato_using_subcommand node; and not __fish_seen_subcommand_from attach availabilityzone detach list migrate placementzones reattach remove rename reset retire setup update upgrade version help" -l yes -d 'Answer yes to every confirmation'
complete -c kato -n "__fish_kato_using_subcommand node; and not __fish_seen_subcommand_from attach availabilityzone detach list migrate placementzones reattach remove rename reset retire setup update upgrade version help" -l accept-new-host-key -d 'Trust and remember the host key of a node seen for the first time'
complete -c kato -n "__fish_kato_using_subcommand node; and not __fish_seen_subcommand_from attach availabilityzone detach list migrate placementzones reattach remove rename reset retire setup update upgrade version help" -s h -l help -d 'Print help'
complete -c kato -n "__fish_kato_using_subcommand node; and not __fish_seen_subcommand_from attach availabilityzone detach list migrate placementzones reattach remove rename reset retire setup update upgrade version help" -f -a "attach" -d 'Attach this node to a core node'
complete -c kato -n "__fish_kato_using_subcommand node; and not __fish_seen_subcommand_from attach availabilityzone detach list migrate placementzones reattach remove rename reset retire setup update upgrade version help" -f -a "availabilityzone" -d 'Get or set the availability zone of a node'
complete -c kato -n "__fish_kato_using_subcommand node; and not __fish_seen_subcommand_from attach availabilityzone detach list migrate placementzones reattach remove rename reset retire setup update upgrade version help" -f -a "detach" -d 'Detach this node from its core node'
complete -c kato -n "__fish_kato_using_subcommand node; and not __fish_seen_subcommand_from attach availabilityzone detach list migrate placementzones reattach remove rename reset retire setup update upgrade version help" -f -a "list" -d 'List all nodes known to this cluster'
complete -c kato -n "__fish_kato_using_subcommand node; and not __fish_seen_subcommand_from attach availabilityzone detach list migrate placementzones reattach remove rename reset retire setup update upgrade version help" -f -a "migrate" -d 'Replace every reference to a node\'s old address by its new one'
complete -c kato -n "__fish_kato_using_subcommand node; and not __fish_seen_subcommand_from attach availabilityzone detach list migrate placementzones reattach remove rename reset retire setup update upgrade version help" -f -a "placementzones" -d 'Add, list or remove the placement zones of a node'
complete -c kato -n "__fish_kato_using_subcommand node; and not __fish_seen_subcommand_from attach availabilityzone detach list migrate placementzones reattach remove rename reset retire setup update upgrade version help" -f -a "reattach" -d 'Point this node at its core\'s new address (after \'kato node migrate\' on the core)'
complete -c kato -n "__fish_kato_using_subcommand node; and not __fish_seen_subcommand_from attach availabilityzone detach list migrate placementzones reattach remove rename reset retire setup update upgrade version help" -f -a "remove" -d 'Remove nodes from the cluster'
complete -c kato -n "__fish_kato_using_subcommand node; and not __fish_seen_subcommand_from attach availabilityzone detach list migrate placementzones reattach remove rename reset retire setup update upgrade version help" -f -a "rename" -d 'Change this node\'s hostname (and the endpoint derived from it)'
complete -c kato -n "__fish_kato_using_subcommand node; and not __fish_seen_subcommand_from attach availabilityzone detach list migrate placementzones reattach remove rename reset retire setup update upgrade version help" -f -a "reset" -d 'Reset this node to its default configuration'
complete -c kato -n "__fish_kato_using_subcommand node; and not __fish_seen_subcommand_from attach availabilityzone detach list migrate placementzones reattach remove rename reset retire setup update upgrade version help" -f -a "retire" -d 'Gracefully retire a node: its processes finish their work, then its roles stop'
complete -c kato -n "__fish_kato_using_subcommand node; and not __fish_seen_subcommand_from attach availabilityzone detach list migrate placementzones reattach remove rename reset retire setup update upgrade version help" -f -a "setup" -d 'Configure this node as a core, a micro cloud or a load balancer'
complete -c kato -n "__fish_kato_using_subcommand node; and not __fish_seen_subcommand_from attach availabilityzone detach list migrate placementzones reattach remove rename reset retire setup update upgrade version help" -f -a "update" -d 'Update IP references in config (after this node\'s address changed)'
complete -c kato -n "__fish_kato_using_subcommand node; and not __fish_seen_subcommand_from attach availabilityzone detach list migrate placementzones reattach remove rename reset retire setup update upgrade version help" -f -a "upgrade" -d 'Upgrade kato on the cluster\'s nodes from a release bundle (run on the core)'
complete -c kato -n "__fish_kato_using_subcommand node; and not __fish_seen_subcommand_from attach availabilityzone detach list migrate placementzones reattach remove rename reset retire setup update upgrade version help" -f -a "version" -d 'Print the version of this node, or of a cluster node'
complete -c kato -n "__fish_kato_using_subcommand node; and not __fish_seen_subcommand_from attach availabilityzone detach list migrate placementzones reattach remove rename reset retire setup update upgrade version help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from attach" -s e -l enable -d 'Roles to enable (comma-separated; ROLE, ROLE+ or ROLE-; groups and "all" work)' -r
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from attach" -l skip-preflight -d 'Skip a named preflight check (repeatable)' -r
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from attach" -l root -d 'Directory every file kato reads or writes lives under' -r -F
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from attach" -l ssh-user -d 'SSH user for reaching other nodes [env: KATO_SSH_USER; default: stackato]' -r
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from attach" -s i -l identity -d 'SSH private key for reaching other nodes [env: KATO_SSH_IDENTITY]' -r -F
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from attach" -l password-file -d 'File holding the SSH password (first line) [env: KATO_SSH_PASSWORD_FILE]' -r -F
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from attach" -s s -l no-start -d 'Do not start the roles\' processes'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from attach" -s f -l force -d 'Attach even if this node\'s version differs from the core\'s'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from attach" -l dry-run -d 'Show the steps that would run, and change nothing'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from attach" -s v -l verbose -d 'Show more detail (per-process lines, error causes)'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from attach" -s q -l quiet -d 'Print only results, warnings and errors'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from attach" -l yes -d 'Answer yes to every confirmation'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from attach" -l accept-new-host-key -d 'Trust and remember the host key of a node seen for the first time'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from attach" -s h -l help -d 'Print help'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from availabilityzone" -s n -l node -d 'Use this node instead of this one' -r
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from availabilityzone" -l root -d 'Directory every file kato reads or writes lives under' -r -F
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from availabilityzone" -l ssh-user -d 'SSH user for reaching other nodes [env: KATO_SSH_USER; default: stackato]' -r
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from availabilityzone" -s i -l identity -d 'SSH private key for reaching other nodes [env: KATO_SSH_IDENTITY]' -r -F
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from availabilityzone" -l password-file -d 'File holding the SSH password (first line) [env: KATO_SSH_PASSWORD_FILE]' -r -F
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from availabilityzone" -l dry-run -d 'Show what would change, and change nothing'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from availabilityzone" -s v -l verbose -d 'Show more detail (per-process lines, error causes)'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from availabilityzone" -s q -l quiet -d 'Print only results, warnings and errors'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from availabilityzone" -l yes -d 'Answer yes to every confirmation'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from availabilityzone" -l accept-new-host-key -d 'Trust and remember the host key of a node seen for the first time'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from availabilityzone" -s h -l help -d 'Print help'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from detach" -l root -d 'Directory every file kato reads or writes lives under' -r -F
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from detach" -l ssh-user -d 'SSH user for reaching other nodes [env: KATO_SSH_USER; default: stackato]' -r
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from detach" -s i -l identity -d 'SSH private key for reaching other nodes [env: KATO_SSH_IDENTITY]' -r -F
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from detach" -l password-file -d 'File holding the SSH password (first line) [env: KATO_SSH_PASSWORD_FILE]' -r -F
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from detach" -s s -l start -d 'Start the micro cloud\'s roles afterwards'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from detach" -l force -d 'Leave even when the core cannot be reached (it then still lists this node)'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from detach" -l dry-run -d 'Show what would happen, and change nothing'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from detach" -s v -l verbose -d 'Show more detail (per-process lines, error causes)'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from detach" -s q -l quiet -d 'Print only results, warnings and errors'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from detach" -l yes -d 'Answer yes to every confirmation'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from detach" -l accept-new-host-key -d 'Trust and remember the host key of a node seen for the first time'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from detach" -s h -l help -d 'Print help'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from list" -l root -d 'Directory every file kato reads or writes lives under' -r -F
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from list" -l ssh-user -d 'SSH user for reaching other nodes [env: KATO_SSH_USER; default: stackato]' -r
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from list" -s i -l identity -d 'SSH private key for reaching other nodes [env: KATO_SSH_IDENTITY]' -r -F
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from list" -l password-file -d 'File holding the SSH password (first line) [env: KATO_SSH_PASSWORD_FILE]' -r -F
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from list" -s j -l json -d 'Print JSON'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from list" -s y -l yaml -d 'Print YAML'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Show more detail (per-process lines, error causes)'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only results, warnings and errors'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from list" -l yes -d 'Answer yes to every confirmation'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from list" -l accept-new-host-key -d 'Trust and remember the host key of a node seen for the first time'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from migrate" -l root -d 'Directory every file kato reads or writes lives under' -r -F
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from migrate" -l ssh-user -d 'SSH user for reaching other nodes [env: KATO_SSH_USER; default: stackato]' -r
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from migrate" -s i -l identity -d 'SSH private key for reaching other nodes [env: KATO_SSH_IDENTITY]' -r -F
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from migrate" -l password-file -d 'File holding the SSH password (first line) [env: KATO_SSH_PASSWORD_FILE]' -r -F
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from migrate" -l reattach-all -d 'When the core itself moved, re-point every attached node at it over SSH'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from migrate" -s r -l no-restart -d 'Do not restart roles after the migration'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from migrate" -l dry-run -d 'Show what would change, and change nothing'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from migrate" -s v -l verbose -d 'Show more detail (per-process lines, error causes)'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from migrate" -s q -l quiet -d 'Print only results, warnings and errors'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from migrate" -l yes -d 'Answer yes to every confirmation'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from migrate" -l accept-new-host-key -d 'Trust and remember the host key of a node seen for the first time'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from migrate" -s h -l help -d 'Print help'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from placementzones" -l root -d 'Directory every file kato reads or writes lives under' -r -F
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from placementzones" -l ssh-user -d 'SSH user for reaching other nodes [env: KATO_SSH_USER; default: stackato]' -r
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from placementzones" -s i -l identity -d 'SSH private key for reaching other nodes [env: KATO_SSH_IDENTITY]' -r -F
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from placementzones" -l password-file -d 'File holding the SSH password (first line) [env: KATO_SSH_PASSWORD_FILE]' -r -F
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from placementzones" -s v -l verbose -d 'Show more detail (per-process lines, error causes)'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from placementzones" -s q -l quiet -d 'Print only results, warnings and errors'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from placementzones" -l yes -d 'Answer yes to every confirmation'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from placementzones" -l accept-new-host-key -d 'Trust and remember the host key of a node seen for the first time'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from placementzones" -s h -l help -d 'Print help'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from placementzones" -f -a "add" -d 'Add a placement zone to a node'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from placementzones" -f -a "list" -d 'List the placement zones of a node (\'default\' when it has none)'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from placementzones" -f -a "remove" -d 'Remove a placement zone from a node'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from placementzones" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from reattach" -l root -d 'Directory every file kato reads or writes lives under' -r -F
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from reattach" -l ssh-user -d 'SSH user for reaching other nodes [env: KATO_SSH_USER; default: stackato]' -r
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from reattach" -s i -l identity -d 'SSH private key for reaching other nodes [env: KATO_SSH_IDENTITY]' -r -F
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from reattach" -l password-file -d 'File holding the SSH password (first line) [env: KATO_SSH_PASSWORD_FILE]' -r -F
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from reattach" -l dry-run -d 'Show what would change, and change nothing'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from reattach" -s v -l verbose -d 'Show more detail (per-process lines, error causes)'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from reattach" -s q -l quiet -d 'Print only results, warnings and errors'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from reattach" -l yes -d 'Answer yes to every confirmation'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from reattach" -l accept-new-host-key -d 'Trust and remember the host key of a node seen for the first time'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from reattach" -s h -l help -d 'Print help'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from remove" -l root -d 'Directory every file kato reads or writes lives under' -r -F
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from remove" -l ssh-user -d 'SSH user for reaching other nodes [env: KATO_SSH_USER; default: stackato]' -r
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from remove" -s i -l identity -d 'SSH private key for reaching other nodes [env: KATO_SSH_IDENTITY]' -r -F
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from remove" -l password-file -d 'File holding the SSH password (first line) [env: KATO_SSH_PASSWORD_FILE]' -r -F
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from remove" -s s -l skip-detach -d 'Do not ask the nodes to detach (for nodes that no longer exist)'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from remove" -l dry-run -d 'Show what would be removed, and change nothing'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from remove" -s v -l verbose -d 'Show more detail (per-process lines, error causes)'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from remove" -s q -l quiet -d 'Print only results, warnings and errors'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from remove" -l yes -d 'Answer yes to every confirmation'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from remove" -l accept-new-host-key -d 'Trust and remember the host key of a node seen for the first time'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from rename" -l root -d 'Directory every file kato reads or writes lives under' -r -F
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from rename" -l ssh-user -d 'SSH user for reaching other nodes [env: KATO_SSH_USER; default: stackato]' -r
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from rename" -s i -l identity -d 'SSH private key for reaching other nodes [env: KATO_SSH_IDENTITY]' -r -F
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from rename" -l password-file -d 'File holding the SSH password (first line) [env: KATO_SSH_PASSWORD_FILE]' -r -F
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from rename" -s s -l skip-remap-hosts -d 'Skip the remapping of existing app URLs to the new domain (kato\'s rename never remaps them; \'kato op remap_hosts\' does)'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from rename" -s l -l skip-ssl-regeneration -d 'Skip regenerating the SSL keys (kato\'s rename never regenerates them; \'kato op regenerate ssl_cert\' does)'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from rename" -s r -l no-restart -d 'Do not restart roles afterwards'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from rename" -l dry-run -d 'Show what would change, and change nothing'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from rename" -s v -l verbose -d 'Show more detail (per-process lines, error causes)'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from rename" -s q -l quiet -d 'Print only results, warnings and errors'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from rename" -l yes -d 'Answer yes to every confirmation'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from rename" -l accept-new-host-key -d 'Trust and remember the host key of a node seen for the first time'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from rename" -s h -l help -d 'Print help'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from reset" -l root -d 'Directory every file kato reads or writes lives under' -r -F
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from reset" -l ssh-user -d 'SSH user for reaching other nodes [env: KATO_SSH_USER; default: stackato]' -r
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from reset" -s i -l identity -d 'SSH private key for reaching other nodes [env: KATO_SSH_IDENTITY]' -r -F
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from reset" -l password-file -d 'File holding the SSH password (first line) [env: KATO_SSH_PASSWORD_FILE]' -r -F
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from reset" -l force -d 'Reset even though the node is attached to a cluster'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from reset" -l dry-run -d 'Show the steps, and change nothing'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from reset" -s v -l verbose -d 'Show more detail (per-process lines, error causes)'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from reset" -s q -l quiet -d 'Print only results, warnings and errors'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from reset" -l yes -d 'Answer yes to every confirmation'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from reset" -l accept-new-host-key -d 'Trust and remember the host key of a node seen for the first time'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from reset" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from retire" -s n -l node -d 'Retire this node instead of this one' -r
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from retire" -l root -d 'Directory every file kato reads or writes lives under' -r -F
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from retire" -l ssh-user -d 'SSH user for reaching other nodes [env: KATO_SSH_USER; default: stackato]' -r
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from retire" -s i -l identity -d 'SSH private key for reaching other nodes [env: KATO_SSH_IDENTITY]' -r -F
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from retire" -l password-file -d 'File holding the SSH password (first line) [env: KATO_SSH_PASSWORD_FILE]' -r -F
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from retire" -l dry-run -d 'Show the steps, and change nothing'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from retire" -s v -l verbose -d 'Show more detail (per-process lines, error causes)'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from retire" -s q -l quiet -d 'Print only results, warnings and errors'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from retire" -l yes -d 'Answer yes to every confirmation'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from retire" -l accept-new-host-key -d 'Trust and remember the host key of a node seen for the first time'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from retire" -s h -l help -d 'Print help'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from setup" -l root -d 'Directory every file kato reads or writes lives under' -r -F
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from setup" -l ssh-user -d 'SSH user for reaching other nodes [env: KATO_SSH_USER; default: stackato]' -r
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from setup" -s i -l identity -d 'SSH private key for reaching other nodes [env: KATO_SSH_IDENTITY]' -r -F
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from setup" -l password-file -d 'File holding the SSH password (first line) [env: KATO_SSH_PASSWORD_FILE]' -r -F
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from setup" -s v -l verbose -d 'Show more detail (per-process lines, error causes)'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from setup" -s q -l quiet -d 'Print only results, warnings and errors'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from setup" -l yes -d 'Answer yes to every confirmation'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from setup" -l accept-new-host-key -d 'Trust and remember the host key of a node seen for the first time'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from setup" -s h -l help -d 'Print help'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from setup" -f -a "core" -d 'Configure this node as the core node of a cluster'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from setup" -f -a "firstuser" -d 'Create the first console admin (added to the cluster\'s admins)'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from setup" -f -a "load_balancer" -d 'Configure this node as an HTTPS load balancer in front of the cluster\'s routers'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from setup" -f -a "micro" -d 'Configure this node as a micro cloud'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from setup" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from update" -l root -d 'Directory every file kato reads or writes lives under' -r -F
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from update" -l ssh-user -d 'SSH user for reaching other nodes [env: KATO_SSH_USER; default: stackato]' -r
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from update" -s i -l identity -d 'SSH private key for reaching other nodes [env: KATO_SSH_IDENTITY]' -r -F
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from update" -l password-file -d 'File holding the SSH password (first line) [env: KATO_SSH_PASSWORD_FILE]' -r -F
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from update" -l dry-run -d 'Show what would change, and change nothing'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from update" -s v -l verbose -d 'Show more detail (per-process lines, error causes)'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from update" -s q -l quiet -d 'Print only results, warnings and errors'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from update" -l yes -d 'Answer yes to every confirmation'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from update" -l accept-new-host-key -d 'Trust and remember the host key of a node seen for the first time'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from update" -s h -l help -d 'Print help'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from upgrade" -l offline -d 'The release bundle (scripts/dist.sh makes one)' -r -F
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from upgrade" -s n -l node -d 'Only these nodes (repeatable)' -r
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from upgrade" -l version -d 'The version the bundle must hold' -r
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from upgrade" -l rollback -d 'Put back the previous kato' -r
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from upgrade" -l role-order -d 'Roles giving the order of the nodes' -r
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from upgrade" -l root -d 'Directory every file kato reads or writes lives under' -r -F
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from upgrade" -l ssh-user -d 'SSH user for reaching other nodes [env: KATO_SSH_USER; default: stackato]' -r
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from upgrade" -s i -l identity -d 'SSH private key for reaching other nodes [env: KATO_SSH_IDENTITY]' -r -F
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from upgrade" -l password-file -d 'File holding the SSH password (first line) [env: KATO_SSH_PASSWORD_FILE]' -r -F
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from upgrade" -s c -l cluster -d 'Every node, the core last (the default)'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from upgrade" -l status -d 'Where every node stands'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from upgrade" -l resume -d 'Go on from the first node not done'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from upgrade" -l prepare -d 'Only copy and check the new kato on every node; swap nothing'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from upgrade" -l skip-confirmation -d 'Do not ask before starting'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from upgrade" -l force -d 'Reinstall a version a node already runs'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from upgrade" -s j -l json -d 'Print JSON'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from upgrade" -s y -l yaml -d 'Print YAML'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from upgrade" -l dry-run -d 'Show the steps, and change nothing'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from upgrade" -s v -l verbose -d 'Show more detail (per-process lines, error causes)'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from upgrade" -s q -l quiet -d 'Print only results, warnings and errors'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from upgrade" -l yes -d 'Answer yes to every confirmation'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from upgrade" -l accept-new-host-key -d 'Trust and remember the host key of a node seen for the first time'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from upgrade" -s h -l help -d 'Print help'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from version" -l root -d 'Directory every file kato reads or writes lives under' -r -F
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from version" -l ssh-user -d 'SSH user for reaching other nodes [env: KATO_SSH_USER; default: stackato]' -r
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from version" -s i -l identity -d 'SSH private key for reaching other nodes [env: KATO_SSH_IDENTITY]' -r -F
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from version" -l password-file -d 'File holding the SSH password (first line) [env: KATO_SSH_PASSWORD_FILE]' -r -F
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from version" -s v -l verbose -d 'Show more detail (per-process lines, error causes)'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from version" -s q -l quiet -d 'Print only results, warnings and errors'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from version" -l yes -d 'Answer yes to every confirmation'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from version" -l accept-new-host-key -d 'Trust and remember the host key of a node seen for the first time'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from version" -s h -l help -d 'Print help'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from help" -f -a "attach" -d 'Attach this node to a core node'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from help" -f -a "availabilityzone" -d 'Get or set the availability zone of a node'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from help" -f -a "detach" -d 'Detach this node from its core node'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from help" -f -a "list" -d 'List all nodes known to this cluster'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from help" -f -a "migrate" -d 'Replace every reference to a node\'s old address by its new one'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from help" -f -a "placementzones" -d 'Add, list or remove the placement zones of a node'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from help" -f -a "reattach" -d 'Point this node at its core\'s new address (after \'kato node migrate\' on the core)'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Remove nodes from the cluster'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from help" -f -a "rename" -d 'Change this node\'s hostname (and the endpoint derived from it)'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from help" -f -a "reset" -d 'Reset this node to its default configuration'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from help" -f -a "retire" -d 'Gracefully retire a node: its processes finish their work, then its roles stop'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from help" -f -a "setup" -d 'Configure this node as a core, a micro cloud or a load balancer'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from help" -f -a "update" -d 'Update IP references in config (after this node\'s address changed)'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from help" -f -a "upgrade" -d 'Upgrade kato on the cluster\'s nodes from a release bundle (run on the core)'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from help" -f -a "version" -d 'Print the version of this node, or of a cluster node'
complete -c kato -n "__fish_kato_using_subcommand node; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kato -n "__fish_kato_using_subcommand op; and not __fish_seen_subcommand_from custom_ssl_cert dhcp firewall generate_service_tokens import_from_yaml_file import_from_yaml_files max_client_upload regenerate remap_hosts set_timezone defer run_deferred static_ip update_hostsfile upstream_proxy help" -l root -d 'Directory every file kato reads or writes lives under' -r -F
complete -c kato -n "__fish_kato_using_subcommand op; and not __fish_seen_subcommand_from custom_ssl_cert dhcp firewall generate_service_tokens import_from_yaml_file import_from_yaml_files max_client_upload regenerate remap_hosts set_timezone defer run_deferred static_ip update_hostsfile upstream_proxy help" -l ssh-user -d 'SSH user for reaching other nodes [env: KATO_SSH_USER; default: stackato]' -r
complete -c kato -n "__fish_kato_using_subcommand op; and not __fish_seen_subcommand_from custom_ssl_cert dhcp firewall generate_service_tokens import_from_yaml_file import_from_yaml_files max_client_upload regenerate remap_hosts set_timezone defer run_deferred static_ip update_hostsfile upstream_proxy help" -s i -l identity -d 'SSH private key for reaching other nodes [env: KATO_SSH_IDENTITY]' -r -F
complete -c kato -n "__fish_kato_using_subcommand op; and not __fish_seen_subcommand_from custom_ssl_cert dhcp firewall generate_service_tokens import_from_yaml_file import_from_yaml_files max_client_upload regenerate remap_hosts set_timezone defer run_deferred static_ip update_hostsfile upstream_proxy help" -l password-file -d 'File holding the SSH password (first line) [env: KATO_SSH_PASSWORD_FILE]' -r -F
complete -c kato -n "__fish_kato_using_subcommand op; and not __fish_seen_subcommand_from custom_ssl_cert dhcp firewall generate_service_tokens import_from_yaml_file import_from_yaml_files max_client_upload regenerate remap_hosts set_timezone defer run_deferred static_ip update_hostsfile upstream_proxy help" -s v -l verbose -d 'Show more detail (per-process lines, error causes)'
complete -c kato -n "__fish_kato_using_subcommand op; and not __fish_seen_subcommand_from custom_ssl_cert dhcp firewall generate_service_tokens import_from_yaml_file import_from_yaml_files max_client_upload regenerate remap_hosts set_timezone defer run_deferred static_ip update_hostsfile upstream_proxy help" -s q -l quiet -d 'Print only results, warnings and errors'
complete -c kato -n "__fish_kato_using_subcommand op; and not __fish_seen_subcommand_from custom_ssl_cert dhcp firewall generate_service_tokens import_from_yaml_file import_from_yaml_files max_client_upload regenerate remap_hosts set_timezone defer run_deferred static_ip update_hostsfile upstream_proxy help" -l yes -d 'Answer yes to every confirmation'
complete -c kato -n "__fish_kato_using_subcommand op; and not __fish_seen_subcommand_from custom_ssl_cert dhcp firewall generate_service_tokens import_from_yaml_file import_from_yaml_files max_client_upload regenerate remap_hosts set_timezone defer run_deferred static_ip update_hostsfile upstream_proxy help" -l accept-new-host-key -d 'Trust and remember the host key of a node seen for the first time'
complete -c kato -n "__fish_kato_using_subcommand op; and not __fish_seen_subcommand_from custom_ssl_cert dhcp firewall generate_service_tokens import_from_yaml_file import_from_yaml_files max_client_upload regenerate remap_hosts set_timezone defer run_deferred static_ip update_hostsfile upstream_proxy help" -s h -l help -d 'Print help'
complete -c kato -n "__fish_kato_using_subcommand op; and not __fish_seen_subcommand_from custom_ssl_cert dhcp firewall generate_service_tokens import_from_yaml_file import_from_yaml_files max_client_upload regenerate remap_hosts set_timezone defer run_deferred static_ip update_hostsfile upstream_proxy help" -f -a "custom_ssl_cert" -d 'Custom SSL certificates for the router and the load balancer'
complete -c kato -n "__fish_kato_using_subcommand op; and not __fish_seen_subcommand_from custom_ssl_cert dhcp firewall generate_service_tokens import_from_yaml_file import_from_yaml_files max_client_upload regenerate remap_hosts set_timezone defer run_deferred static_ip update_hostsfile upstream_proxy help" -f -a "dhcp" -d 'Configure this node\'s networking to use DHCP'
complete -c kato -n "__fish_kato_using_subcommand op; and not __fish_seen_subcommand_from custom_ssl_cert dhcp firewall generate_service_tokens import_from_yaml_file import_from_yaml_files max_client_upload regenerate remap_hosts set_timezone defer run_deferred static_ip update_hostsfile upstream_proxy help" -f -a "firewall" -d 'Render (or apply) this node\'s firewall from the cluster\'s roles and port table'
complete -c kato -n "__fish_kato_using_subcommand op; and not __fish_seen_subcommand_from custom_ssl_cert dhcp firewall generate_service_tokens import_from_yaml_file import_from_yaml_files max_client_upload regenerate remap_hosts set_timezone defer run_deferred static_ip update_hostsfile upstream_proxy help" -f -a "generate_service_tokens" -d 'Generate auth tokens for services (those still without one)'
complete -c kato -n "__fish_kato_using_subcommand op; and not __fish_seen_subcommand_from custom_ssl_cert dhcp firewall generate_service_tokens import_from_yaml_file import_from_yaml_files max_client_upload regenerate remap_hosts set_timezone defer run_deferred static_ip update_hostsfile upstream_proxy help" -f -a "import_from_yaml_file" -d 'Import the YAML configuration of one process, replacing its prior configuration'
complete -c kato -n "__fish_kato_using_subcommand op; and not __fish_seen_subcommand_from custom_ssl_cert dhcp firewall generate_service_tokens import_from_yaml_file import_from_yaml_files max_client_upload regenerate remap_hosts set_timezone defer run_deferred static_ip update_hostsfile upstream_proxy help" -f -a "import_from_yaml_files" -d 'Import configuration from YAML files for all processes, replacing prior configuration'
complete -c kato -n "__fish_kato_using_subcommand op; and not __fish_seen_subcommand_from custom_ssl_cert dhcp firewall generate_service_tokens import_from_yaml_file import_from_yaml_files max_client_upload regenerate remap_hosts set_timezone defer run_deferred static_ip update_hostsfile upstream_proxy help" -f -a "max_client_upload" -d 'Set the maximum upload size in MB from clients'
complete -c kato -n "__fish_kato_using_subcommand op; and not __fish_seen_subcommand_from custom_ssl_cert dhcp firewall generate_service_tokens import_from_yaml_file import_from_yaml_files max_client_upload regenerate remap_hosts set_timezone defer run_deferred static_ip update_hostsfile upstream_proxy help" -f -a "regenerate" -d 'Regenerate what kato owns: the cluster\'s SSL certificate (ssl_cert, or all)'
complete -c kato -n "__fish_kato_using_subcommand op; and not __fish_seen_subcommand_from custom_ssl_cert dhcp firewall generate_service_tokens import_from_yaml_file import_from_yaml_files max_client_upload regenerate remap_hosts set_timezone defer run_deferred static_ip update_hostsfile upstream_proxy help" -f -a "remap_hosts" -d 'Change the default shared domain in the cluster\'s configuration values'
complete -c kato -n "__fish_kato_using_subcommand op; and not __fish_seen_subcommand_from custom_ssl_cert dhcp firewall generate_service_tokens import_from_yaml_file import_from_yaml_files max_client_upload regenerate remap_hosts set_timezone defer run_deferred static_ip update_hostsfile upstream_proxy help" -f -a "set_timezone" -d 'Change the default system timezone for the host machine'
complete -c kato -n "__fish_kato_using_subcommand op; and not __fish_seen_subcommand_from custom_ssl_cert dhcp firewall generate_service_tokens import_from_yaml_file import_from_yaml_files max_client_upload regenerate remap_hosts set_timezone defer run_deferred static_ip update_hostsfile upstream_proxy help" -f -a "defer" -d 'Defer a kato command to be run (by \'op run_deferred\') when the system is rebooted'
complete -c kato -n "__fish_kato_using_subcommand op; and not __fish_seen_subcommand_from custom_ssl_cert dhcp firewall generate_service_tokens import_from_yaml_file import_from_yaml_files max_client_upload regenerate remap_hosts set_timezone defer run_deferred static_ip update_hostsfile upstream_proxy help" -f -a "run_deferred" -d 'Run deferred commands saved with \'kato op defer\''
complete -c kato -n "__fish_kato_using_subcommand op; and not __fish_seen_subcommand_from custom_ssl_cert dhcp firewall generate_service_tokens import_from_yaml_file import_from_yaml_files max_client_upload regenerate remap_hosts set_timezone defer run_deferred static_ip update_hostsfile upstream_proxy help" -f -a "static_ip" -d 'Configure this node to use a static IP address'
complete -c kato -n "__fish_kato_using_subcommand op; and not __fish_seen_subcommand_from custom_ssl_cert dhcp firewall generate_service_tokens import_from_yaml_file import_from_yaml_files max_client_upload regenerate remap_hosts set_timezone defer run_deferred static_ip update_hostsfile upstream_proxy help" -f -a "update_hostsfile" -d 'Map the endpoint to the controller\'s internal address in /etc/hosts'
complete -c kato -n "__fish_kato_using_subcommand op; and not __fish_seen_subcommand_from custom_ssl_cert dhcp firewall generate_service_tokens import_from_yaml_file import_from_yaml_files max_client_upload regenerate remap_hosts set_timezone defer run_deferred static_ip update_hostsfile upstream_proxy help" -f -a "upstream_proxy" -d 'Configure an upstream proxy server for the processes that take one'
complete -c kato -n "__fish_kato_using_subcommand op; and not __fish_seen_subcommand_from custom_ssl_cert dhcp firewall generate_service_tokens import_from_yaml_file import_from_yaml_files max_client_upload regenerate remap_hosts set_timezone defer run_deferred static_ip update_hostsfile upstream_proxy help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from custom_ssl_cert" -l root -d 'Directory every file kato reads or writes lives under' -r -F
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from custom_ssl_cert" -l ssh-user -d 'SSH user for reaching other nodes [env: KATO_SSH_USER; default: stackato]' -r
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from custom_ssl_cert" -s i -l identity -d 'SSH private key for reaching other nodes [env: KATO_SSH_IDENTITY]' -r -F
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from custom_ssl_cert" -l password-file -d 'File holding the SSH password (first line) [env: KATO_SSH_PASSWORD_FILE]' -r -F
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from custom_ssl_cert" -s v -l verbose -d 'Show more detail (per-process lines, error causes)'
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from custom_ssl_cert" -s q -l quiet -d 'Print only results, warnings and errors'
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from custom_ssl_cert" -l yes -d 'Answer yes to every confirmation'
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from custom_ssl_cert" -l accept-new-host-key -d 'Trust and remember the host key of a node seen for the first time'
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from custom_ssl_cert" -s h -l help -d 'Print help'
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from custom_ssl_cert" -f -a "install" -d 'Install a certificate and its key for DOMAIN'
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from custom_ssl_cert" -f -a "remove" -d 'Remove the certificate of DOMAIN'
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from custom_ssl_cert" -f -a "list" -d 'List the installed certificates'
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from custom_ssl_cert" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from dhcp" -l interface -d 'The interface to configure' -r
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from dhcp" -l root -d 'Directory every file kato reads or writes lives under' -r -F
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from dhcp" -l ssh-user -d 'SSH user for reaching other nodes [env: KATO_SSH_USER; default: stackato]' -r
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from dhcp" -s i -l identity -d 'SSH private key for reaching other nodes [env: KATO_SSH_IDENTITY]' -r -F
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from dhcp" -l password-file -d 'File holding the SSH password (first line) [env: KATO_SSH_PASSWORD_FILE]' -r -F
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from dhcp" -l restart-network -d 'Restart networking on the interface afterwards (ifdown/ifup; system root only)'
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from dhcp" -l dry-run -d 'Show what would be written, and change nothing'
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from dhcp" -s v -l verbose -d 'Show more detail (per-process lines, error causes)'
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from dhcp" -s q -l quiet -d 'Print only results, warnings and errors'
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from dhcp" -l yes -d 'Answer yes to every confirmation'
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from dhcp" -l accept-new-host-key -d 'Trust and remember the host key of a node seen for the first time'
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from dhcp" -s h -l help -d 'Print help'
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from firewall" -s n -l node -d 'Render the ruleset of another node of the cluster' -r
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from firewall" -l root -d 'Directory every file kato reads or writes lives under' -r -F
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from firewall" -l ssh-user -d 'SSH user for reaching other nodes [env: KATO_SSH_USER; default: stackato]' -r
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from firewall" -s i -l identity -d 'SSH private key for reaching other nodes [env: KATO_SSH_IDENTITY]' -r -F
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from firewall" -l password-file -d 'File holding the SSH password (first line) [env: KATO_SSH_PASSWORD_FILE]' -r -F
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from firewall" -l apply -d 'Load the ruleset with \'nft -f\' (one atomic transaction)'
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from firewall" -l dry-run -d 'Print the ruleset and change nothing (the default)'
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from firewall" -s v -l verbose -d 'Show more detail (per-process lines, error causes)'
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from firewall" -s q -l quiet -d 'Print only results, warnings and errors'
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from firewall" -l yes -d 'Answer yes to every confirmation'
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from firewall" -l accept-new-host-key -d 'Trust and remember the host key of a node seen for the first time'
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from firewall" -s h -l help -d 'Print help'
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from generate_service_tokens" -l root -d 'Directory every file kato reads or writes lives under' -r -F
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from generate_service_tokens" -l ssh-user -d 'SSH user for reaching other nodes [env: KATO_SSH_USER; default: stackato]' -r
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from generate_service_tokens" -s i -l identity -d 'SSH private key for reaching other nodes [env: KATO_SSH_IDENTITY]' -r -F
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from generate_service_tokens" -l password-file -d 'File holding the SSH password (first line) [env: KATO_SSH_PASSWORD_FILE]' -r -F
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from generate_service_tokens" -l dry-run -d 'Show what would change, and change nothing'
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from generate_service_tokens" -s v -l verbose -d 'Show more detail (per-process lines, error causes)'
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from generate_service_tokens" -s q -l quiet -d 'Print only results, warnings and errors'
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from generate_service_tokens" -l yes -d 'Answer yes to every confirmation'
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from generate_service_tokens" -l accept-new-host-key -d 'Trust and remember the host key of a node seen for the first time'
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from generate_service_tokens" -s h -l help -d 'Print help'
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from import_from_yaml_file" -l new-key-file -d 'Read this YAML file instead of the spec\'s config_origin' -r
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from import_from_yaml_file" -l root -d 'Directory every file kato reads or writes lives under' -r -F
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from import_from_yaml_file" -l ssh-user -d 'SSH user for reaching other nodes [env: KATO_SSH_USER; default: stackato]' -r
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from import_from_yaml_file" -s i -l identity -d 'SSH private key for reaching other nodes [env: KATO_SSH_IDENTITY]' -r -F
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from import_from_yaml_file" -l password-file -d 'File holding the SSH password (first line) [env: KATO_SSH_PASSWORD_FILE]' -r -F
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from import_from_yaml_file" -l upgrade -d 'Add only the keys the store lacks, keeping the rest'
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from import_from_yaml_file" -l dry-run -d 'Show what would change, and change nothing'
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from import_from_yaml_file" -s v -l verbose -d 'Show more detail (per-process lines, error causes)'
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from import_from_yaml_file" -s q -l quiet -d 'Print only results, warnings and errors'
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from import_from_yaml_file" -l yes -d 'Answer yes to every confirmation'
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from import_from_yaml_file" -l accept-new-host-key -d 'Trust and remember the host key of a node seen for the first time'
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from import_from_yaml_file" -s h -l help -d 'Print help'
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from import_from_yaml_files" -l new-key-file -d 'Read this YAML file instead of the spec\'s config_origin' -r
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from import_from_yaml_files" -l root -d 'Directory every file kato reads or writes lives under' -r -F
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from import_from_yaml_files" -l ssh-user -d 'SSH user for reaching other nodes [env: KATO_SSH_USER; default: stackato]' -r
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from import_from_yaml_files" -s i -l identity -d 'SSH private key for reaching other nodes [env: KATO_SSH_IDENTITY]' -r -F
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from import_from_yaml_files" -l password-file -d 'File holding the SSH password (first line) [env: KATO_SSH_PASSWORD_FILE]' -r -F
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from import_from_yaml_files" -l upgrade -d 'Add only the keys the store lacks, keeping the rest'
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from import_from_yaml_files" -l dry-run -d 'Show what would change, and change nothing'
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from import_from_yaml_files" -s v -l verbose -d 'Show more detail (per-process lines, error causes)'
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from import_from_yaml_files" -s q -l quiet -d 'Print only results, warnings and errors'
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from import_from_yaml_files" -l yes -d 'Answer yes to every confirmation'
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from import_from_yaml_files" -l accept-new-host-key -d 'Trust and remember the host key of a node seen for the first time'
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from import_from_yaml_files" -s h -l help -d 'Print help'
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from max_client_upload" -l root -d 'Directory every file kato reads or writes lives under' -r -F
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from max_client_upload" -l ssh-user -d 'SSH user for reaching other nodes [env: KATO_SSH_USER; default: stackato]' -r
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from max_client_upload" -s i -l identity -d 'SSH private key for reaching other nodes [env: KATO_SSH_IDENTITY]' -r -F
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from max_client_upload" -l password-file -d 'File holding the SSH password (first line) [env: KATO_SSH_PASSWORD_FILE]' -r -F
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from max_client_upload" -l dry-run -d 'Show what would change, and change nothing'
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from max_client_upload" -s v -l verbose -d 'Show more detail (per-process lines, error causes)'
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from max_client_upload" -s q -l quiet -d 'Print only results, warnings and errors'
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from max_client_upload" -l yes -d 'Answer yes to every confirmation'
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from max_client_upload" -l accept-new-host-key -d 'Trust and remember the host key of a node seen for the first time'
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from max_client_upload" -s h -l help -d 'Print help'
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from regenerate" -l root -d 'Directory every file kato reads or writes lives under' -r -F
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from regenerate" -l ssh-user -d 'SSH user for reaching other nodes [env: KATO_SSH_USER; default: stackato]' -r
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from regenerate" -s i -l identity -d 'SSH private key for reaching other nodes [env: KATO_SSH_IDENTITY]' -r -F
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from regenerate" -l password-file -d 'File holding the SSH password (first line) [env: KATO_SSH_PASSWORD_FILE]' -r -F
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from regenerate" -s n -s y -l no-prompt -d 'Do not ask before regenerating'
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from regenerate" -s r -l no-restart -d 'Do not restart processes (kato restarts none here)'
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from regenerate" -l dry-run -d 'Show what would change, and change nothing'
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from regenerate" -s v -l verbose -d 'Show more detail (per-process lines, error causes)'
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from regenerate" -s q -l quiet -d 'Print only results, warnings and errors'
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from regenerate" -l yes -d 'Answer yes to every confirmation'
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from regenerate" -l accept-new-host-key -d 'Trust and remember the host key of a node seen for the first time'
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from regenerate" -s h -l help -d 'Print help'
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from remap_hosts" -l root -d 'Directory every file kato reads or writes lives under' -r -F
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from remap_hosts" -l ssh-user -d 'SSH user for reaching other nodes [env: KATO_SSH_USER; default: stackato]' -r
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from remap_hosts" -s i -l identity -d 'SSH private key for reaching other nodes [env: KATO_SSH_IDENTITY]' -r -F
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from remap_hosts" -l password-file -d 'File holding the SSH password (first line) [env: KATO_SSH_PASSWORD_FILE]' -r -F
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from remap_hosts" -l dry-run -d 'Show what would change, and change nothing'
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from remap_hosts" -s v -l verbose -d 'Show more detail (per-process lines, error causes)'
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from remap_hosts" -s q -l quiet -d 'Print only results, warnings and errors'
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from remap_hosts" -l yes -d 'Answer yes to every confirmation'
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from remap_hosts" -l accept-new-host-key -d 'Trust and remember the host key of a node seen for the first time'
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from remap_hosts" -s h -l help -d 'Print help'
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from set_timezone" -l timezone -d 'A zone of the tz database (e.g. America/Chicago); asked for on a terminal' -r
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from set_timezone" -l root -d 'Directory every file kato reads or writes lives under' -r -F
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from set_timezone" -l ssh-user -d 'SSH user for reaching other nodes [env: KATO_SSH_USER; default: stackato]' -r
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from set_timezone" -s i -l identity -d 'SSH private key for reaching other nodes [env: KATO_SSH_IDENTITY]' -r -F
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from set_timezone" -l password-file -d 'File holding the SSH password (first line) [env: KATO_SSH_PASSWORD_FILE]' -r -F
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from set_timezone" -l dry-run -d 'Show what would change, and change nothing'
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from set_timezone" -s v -l verbose -d 'Show more detail (per-process lines, error causes)'
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from set_timezone" -s q -l quiet -d 'Print only results, warnings and errors'
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from set_timezone" -l yes -d 'Answer yes to every confirmation'
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from set_timezone" -l accept-new-host-key -d 'Trust and remember the host key of a node seen for the first time'
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from set_timezone" -s h -l help -d 'Print help'
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from defer" -l root -d 'Directory every file kato reads or writes lives under' -r -F
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from defer" -l ssh-user -d 'SSH user for reaching other nodes [env: KATO_SSH_USER; default: stackato]' -r
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from defer" -s i -l identity -d 'SSH private key for reaching other nodes [env: KATO_SSH_IDENTITY]' -r -F
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from defer" -l password-file -d 'File holding the SSH password (first line) [env: KATO_SSH_PASSWORD_FILE]' -r -F
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from defer" -l run-as-root -d 'Run the deferred command as root'
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from defer" -l reset -d 'Clear the list of deferred commands'
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from defer" -l post-start -d 'Run the deferred command after all processes managed by kato have started'
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from defer" -l dry-run -d 'Show what would be done, and change nothing'
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from defer" -s v -l verbose -d 'Show more detail (per-process lines, error causes)'
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from defer" -s q -l quiet -d 'Print only results, warnings and errors'
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from defer" -l yes -d 'Answer yes to every confirmation'
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from defer" -l accept-new-host-key -d 'Trust and remember the host key of a node seen for the first time'
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from defer" -s h -l help -d 'Print help'
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from run_deferred" -l root -d 'Directory every file kato reads or writes lives under' -r -F
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from run_deferred" -l ssh-user -d 'SSH user for reaching other nodes [env: KATO_SSH_USER; default: stackato]' -r
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from run_deferred" -s i -l identity -d 'SSH private key for reaching other nodes [env: KATO_SSH_IDENTITY]' -r -F
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from run_deferred" -l password-file -d 'File holding the SSH password (first line) [env: KATO_SSH_PASSWORD_FILE]' -r -F
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from run_deferred" -l post-start -d 'Run the commands deferred until all processes managed by kato have started'
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from run_deferred" -s v -l verbose -d 'Show more detail (per-process lines, error causes)'
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from run_deferred" -s q -l quiet -d 'Print only results, warnings and errors'
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from run_deferred" -l yes -d 'Answer yes to every confirmation'
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from run_deferred" -l accept-new-host-key -d 'Trust and remember the host key of a node seen for the first time'
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from run_deferred" -s h -l help -d 'Print help'
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from static_ip" -l interface -d 'The interface to configure' -r
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from static_ip" -l ip -d 'The new address' -r
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from static_ip" -l netmask -d 'The netmask in dotted notation (e.g. 255.255.255.0)' -r
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from static_ip" -l gateway -d 'The gateway address' -r
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from static_ip" -l dns-nameservers -l dns -d 'DNS nameservers (space- or comma-separated)' -r
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from static_ip" -l dns-search-domains -l dns-search -d 'DNS search domains (space- or comma-separated)' -r
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from static_ip" -l root -d 'Directory every file kato reads or writes lives under' -r -F
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from static_ip" -l ssh-user -d 'SSH user for reaching other nodes [env: KATO_SSH_USER; default: stackato]' -r
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from static_ip" -s i -l identity -d 'SSH private key for reaching other nodes [env: KATO_SSH_IDENTITY]' -r -F
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from static_ip" -l password-file -d 'File holding the SSH password (first line) [env: KATO_SSH_PASSWORD_FILE]' -r -F
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from static_ip" -l restart-network -d 'Restart networking on the interface afterwards (ifdown/ifup; system root only)'
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from static_ip" -s r -l no-restart -d 'Do not restart roles after the address change'
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from static_ip" -l dry-run -d 'Show what would be written, and change nothing'
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from static_ip" -s v -l verbose -d 'Show more detail (per-process lines, error causes)'
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from static_ip" -s q -l quiet -d 'Print only results, warnings and errors'
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from static_ip" -l yes -d 'Answer yes to every confirmation'
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from static_ip" -l accept-new-host-key -d 'Trust and remember the host key of a node seen for the first time'
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from static_ip" -s h -l help -d 'Print help'
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from update_hostsfile" -l root -d 'Directory every file kato reads or writes lives under' -r -F
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from update_hostsfile" -l ssh-user -d 'SSH user for reaching other nodes [env: KATO_SSH_USER; default: stackato]' -r
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from update_hostsfile" -s i -l identity -d 'SSH private key for reaching other nodes [env: KATO_SSH_IDENTITY]' -r -F
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from update_hostsfile" -l password-file -d 'File holding the SSH password (first line) [env: KATO_SSH_PASSWORD_FILE]' -r -F
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from update_hostsfile" -l dry-run -d 'Show what would change, and change nothing'
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from update_hostsfile" -s v -l verbose -d 'Show more detail (per-process lines, error causes)'
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from update_hostsfile" -s q -l quiet -d 'Print only results, warnings and errors'
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from update_hostsfile" -l yes -d 'Answer yes to every confirmation'
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from update_hostsfile" -l accept-new-host-key -d 'Trust and remember the host key of a node seen for the first time'
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from update_hostsfile" -s h -l help -d 'Print help'
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from upstream_proxy" -l root -d 'Directory every file kato reads or writes lives under' -r -F
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from upstream_proxy" -l ssh-user -d 'SSH user for reaching other nodes [env: KATO_SSH_USER; default: stackato]' -r
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from upstream_proxy" -s i -l identity -d 'SSH private key for reaching other nodes [env: KATO_SSH_IDENTITY]' -r -F
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from upstream_proxy" -l password-file -d 'File holding the SSH password (first line) [env: KATO_SSH_PASSWORD_FILE]' -r -F
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from upstream_proxy" -s v -l verbose -d 'Show more detail (per-process lines, error causes)'
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from upstream_proxy" -s q -l quiet -d 'Print only results, warnings and errors'
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from upstream_proxy" -l yes -d 'Answer yes to every confirmation'
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from upstream_proxy" -l accept-new-host-key -d 'Trust and remember the host key of a node seen for the first time'
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from upstream_proxy" -s h -l help -d 'Print help'
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from upstream_proxy" -f -a "set" -d 'Use the proxy at ADDR ([http://]HOST:PORT)'
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from upstream_proxy" -f -a "delete" -d 'Stop using an upstream proxy'
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from upstream_proxy" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from help" -f -a "custom_ssl_cert" -d 'Custom SSL certificates for the router and the load balancer'
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from help" -f -a "dhcp" -d 'Configure this node\'s networking to use DHCP'
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from help" -f -a "firewall" -d 'Render (or apply) this node\'s firewall from the cluster\'s roles and port table'
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from help" -f -a "generate_service_tokens" -d 'Generate auth tokens for services (those still without one)'
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from help" -f -a "import_from_yaml_file" -d 'Import the YAML configuration of one process, replacing its prior configuration'
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from help" -f -a "import_from_yaml_files" -d 'Import configuration from YAML files for all processes, replacing prior configuration'
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from help" -f -a "max_client_upload" -d 'Set the maximum upload size in MB from clients'
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from help" -f -a "regenerate" -d 'Regenerate what kato owns: the cluster\'s SSL certificate (ssl_cert, or all)'
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from help" -f -a "remap_hosts" -d 'Change the default shared domain in the cluster\'s configuration values'
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from help" -f -a "set_timezone" -d 'Change the default system timezone for the host machine'
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from help" -f -a "defer" -d 'Defer a kato command to be run (by \'op run_deferred\') when the system is rebooted'
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from help" -f -a "run_deferred" -d 'Run deferred commands saved with \'kato op defer\''
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from help" -f -a "static_ip" -d 'Configure this node to use a static IP address'
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from help" -f -a "update_hostsfile" -d 'Map the endpoint to the controller\'s internal address in /etc/hosts'
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from help" -f -a "upstream_proxy" -d 'Configure an upstream proxy server for the processes that take one'
complete -c kato -n "__fish_kato_using_subcommand op; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kato -n "__fish_kato_using_subcommand process; and not __fish_seen_subcommand_from list start stop restart ready help" -l root -d 'Directory every file kato reads or writes lives under' -r -F
complete -c kato -n "__fish_kato_using_subcommand process; and not __fish_seen_subcommand_from list start stop restart ready help" -l ssh-user -d 'SSH user for reaching other nodes [env: KATO_SSH_USER; default: stackato]' -r
complete -c kato -n "__fish_kato_using_subcommand process; and not __fish_seen_subcommand_from list start stop restart ready help" -s i -l identity -d 'SSH private key for reaching other nodes [env: KATO_SSH_IDENTITY]' -r -F
complete -c kato -n "__fish_kato_using_subcommand process; and not __fish_seen_subcommand_from list start stop restart ready help" -l password-file -d 'File holding the SSH password (first line) [env: KATO_SSH_PASSWORD_FILE]' -r -F
complete -c kato -n "__fish_kato_using_subcommand process; and not __fish_seen_subcommand_from list start stop restart ready help" -s v -l verbose -d 'Show more detail (per-process lines, error causes)'
complete -c kato -n "__fish_kato_using_subcommand process; and not __fish_seen_subcommand_from list start stop restart ready help" -s q -l quiet -d 'Print only results, warnings and errors'
complete -c kato -n "__fish_kato_using_subcommand process; and not __fish_seen_subcommand_from list start stop restart ready help" -l yes -d 'Answer yes to every confirmation'
complete -c kato -n "__fish_kato_using_subcommand process; and not __fish_seen_subcommand_from list start stop restart ready help" -l accept-new-host-key -d 'Trust and remember the host key of a node seen for the first time'
complete -c kato -n "__fish_kato_using_subcommand process; and not __fish_seen_subcommand_from list start stop restart ready help" -s h -l help -d 'Print help'
complete -c kato -n "__fish_kato_using_subcommand process; and not __fish_seen_subcommand_from list start stop restart ready help" -f -a "list" -d 'List a node\'s processes and their state'
complete -c kato -n "__fish_kato_using_subcommand process; and not __fish_seen_subcommand_from list start stop restart ready help" -f -a "start" -d 'Start processes of this node (all when none are named)'
complete -c kato -n "__fish_kato_using_subcommand process; and not __fish_seen_subcommand_from list start stop restart ready help" -f -a "stop" -d 'Stop processes of this node (all when none are named)'
complete -c kato -n "__fish_kato_using_subcommand process; and not __fish_seen_subcommand_from list start stop restart ready help" -f -a "restart" -d 'Restart processes of this node (all when none are named), or with -c on every node'
complete -c kato -n "__fish_kato_using_subcommand process; and not __fish_seen_subcommand_from list start stop restart ready help" -f -a "ready" -d 'Tell whether a process (or "all", or "supervisord") is ready'
complete -c kato -n "__fish_kato_using_subcommand process; and not __fish_seen_subcommand_from list start stop restart ready help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kato -n "__fish_kato_using_subcommand process; and __fish_seen_subcommand_from list" -s n -l node -d 'Act on this cluster node instead of this one' -r
complete -c kato -n "__fish_kato_using_subcommand process; and __fish_seen_subcommand_from list" -l root -d 'Directory every file kato reads or writes lives under' -r -F
complete -c kato -n "__fish_kato_using_subcommand process; and __fish_seen_subcommand_from list" -l ssh-user -d 'SSH user for reaching other nodes [env: KATO_SSH_USER; default: stackato]' -r
complete -c kato -n "__fish_kato_using_subcommand process; and __fish_seen_subcommand_from list" -s i -l identity -d 'SSH private key for reaching other nodes [env: KATO_SSH_IDENTITY]' -r -F
complete -c kato -n "__fish_kato_using_subcommand process; and __fish_seen_subcommand_from list" -l password-file -d 'File holding the SSH password (first line) [env: KATO_SSH_PASSWORD_FILE]' -r -F
complete -c kato -n "__fish_kato_using_subcommand process; and __fish_seen_subcommand_from list" -s c -l cluster -d 'Include every node of the cluster'
complete -c kato -n "__fish_kato_using_subcommand process; and __fish_seen_subcommand_from list" -s j -l json -d 'Print JSON'
complete -c kato -n "__fish_kato_using_subcommand process; and __fish_seen_subcommand_from list" -s y -l yaml -d 'Print YAML'
complete -c kato -n "__fish_kato_using_subcommand process; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Show more detail (per-process lines, error causes)'
complete -c kato -n "__fish_kato_using_subcommand process; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only results, warnings and errors'
complete -c kato -n "__fish_kato_using_subcommand process; and __fish_seen_subcommand_from list" -l yes -d 'Answer yes to every confirmation'
complete -c kato -n "__fish_kato_using_subcommand process; and __fish_seen_subcommand_from list" -l accept-new-host-key -d 'Trust and remember the host key of a node seen for the first time'
complete -c kato -n "__fish_kato_using_subcommand process; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c kato -n "__fish_kato_using_subcommand process; and __fish_seen_subcommand_from start" -s n -l node -d 'Act on this cluster node instead of this one' -r
complete -c kato -n "__fish_kato_using_subcommand process; and __fish_seen_subcommand_from start" -l root -d 'Directory every file kato reads or writes lives under' -r -F
complete -c kato -n "__fish_kato_using_subcommand process; and __fish_seen_subcommand_from start" -l ssh-user -d 'SSH user for reaching other nodes [env: KATO_SSH_USER; default: stackato]' -r
complete -c kato -n "__fish_kato_using_subcommand process; and __fish_seen_subcommand_from start" -s i -l identity -d 'SSH private key for reaching other nodes [env: KATO_SSH_IDENTITY]' -r -F
complete -c kato -n "__fish_kato_using_subcommand process; and __fish_seen_subcommand_from start" -l password-file -d 'File holding the SSH password (first line) [env: KATO_SSH_PASSWORD_FILE]' -r -F
complete -c kato -n "__fish_kato_using_subcommand process; and __fish_seen_subcommand_from start" -l dry-run -d 'Show what would be done, and change nothing'
complete -c kato -n "__fish_kato_using_subcommand process; and __fish_seen_subcommand_from start" -s v -l verbose -d 'Show more detail (per-process lines, error causes)'
complete -c kato -n "__fish_kato_using_subcommand process; and __fish_seen_subcommand_from start" -s q -l quiet -d 'Print only results, warnings and errors'
complete -c kato -n "__fish_kato_using_subcommand process; and __fish_seen_subcommand_from start" -l yes -d 'Answer yes to every confirmation'
complete -c kato -n "__fish_kato_using_subcommand process; and __fish_seen_subcommand_from start" -l accept-new-host-key -d 'Trust and remember the host key of a node seen for the first time'
complete -c kato -n "__fish_kato_using_subcommand process; and __fish_seen_subcommand_from start" -s h -l help -d 'Print help'
complete -c kato -n "__fish_kato_using_subcommand process; and __fish_seen_subcommand_from stop" -s n -l node -d 'Act on this cluster node instead of this one' -r
complete -c kato -n "__fish_kato_using_subcommand process; and __fish_seen_subcommand_from stop" -l root -d 'Directory every file kato reads or writes lives under' -r -F
complete -c kato -n "__fish_kato_using_subcommand process; and __fish_seen_subcommand_from stop" -l ssh-user -d 'SSH user for reaching other nodes [env: KATO_SSH_USER; default: stackato]' -r
complete -c kato -n "__fish_kato_using_subcommand process; and __fish_seen_subcommand_from stop" -s i -l identity -d 'SSH private key for reaching other nodes [env: KATO_SSH_IDENTITY]' -r -F
complete -c kato -n "__fish_kato_using_subcommand process; and __fish_seen_subcommand_from stop" -l password-file -d 'File holding the SSH password (first line) [env: KATO_SSH_PASSWORD_FILE]' -r -F
complete -c kato -n "__fish_kato_using_subcommand process; and __fish_seen_subcommand_from stop" -l dry-run -d 'Show what would be done, and change nothing'
complete -c kato -n "__fish_kato_using_subcommand process; and __fish_seen_subcommand_from stop" -s v -l verbose -d 'Show more detail (per-process lines, error causes)'
complete -c kato -n "__fish_kato_using_subcommand process; and __fish_seen_subcommand_from stop" -s q -l quiet -d 'Print only results, warnings and errors'
complete -c kato -n "__fish_kato_using_subcommand process; and __fish_seen_subcommand_from stop" -l yes -d 'Answer yes to every confirmation'
complete -c kato -n "__fish_kato_using_subcommand process; and __fish_seen_subcommand_from stop" -l accept-new-host-key -d 'Trust and remember the host key of a node seen for the first time'
complete -c kato -n "__fish_kato_using_subcommand process; and __fish_seen_subcommand_from stop" -s h -l help -d 'Print help'
complete -c kato -n "__fish_kato_using_subcommand process; and __fish_seen_subcommand_from restart" -s n -l node -d 'Act on this cluster node instead of this one' -r
complete -c kato -n "__fish_kato_using_subcommand process; and __fish_seen_subcommand_from restart" -l root -d 'Directory every file kato reads or writes lives under' -r -F
complete -c kato -n "__fish_kato_using_subcommand process; and __fish_seen_subcommand_from restart" -l ssh-user -d 'SSH user for reaching other nodes [env: KATO_SSH_USER; default: stackato]' -r
complete -c kato -n "__fish_kato_using_subcommand process; and __fish_seen_subcommand_from restart" -s i -l identity -d 'SSH private key for reaching other nodes [env: KATO_SSH_IDENTITY]' -r -F
complete -c kato -n "__fish_kato_using_subcommand process; and __fish_seen_subcommand_from restart" -l password-file -d 'File holding the SSH password (first line) [env: KATO_SSH_PASSWORD_FILE]' -r -F
complete -c kato -n "__fish_kato_using_subcommand process; and __fish_seen_subcommand_from restart" -l dry-run -d 'Show what would be done, and change nothing'
complete -c kato -n "__fish_kato_using_subcommand process; and __fish_seen_subcommand_from restart" -s c -l cluster -d 'Restart the processes on every node of the cluster where they are configured'
complete -c kato -n "__fish_kato_using_subcommand process; and __fish_seen_subcommand_from restart" -s v -l verbose -d 'Show more detail (per-process lines, error causes)'
complete -c kato -n "__fish_kato_using_subcommand process; and __fish_seen_subcommand_from restart" -s q -l quiet -d 'Print only results, warnings and errors'
complete -c kato -n "__fish_kato_using_subcommand process; and __fish_seen_subcommand_from restart" -l yes -d 'Answer yes to every confirmation'
complete -c kato -n "__fish_kato_using_subcommand process; and __fish_seen_subcommand_from restart" -l accept-new-host-key -d 'Trust and remember the host key of a node seen for the first time'
complete -c kato -n "__fish_kato_using_subcommand process; and __fish_seen_subcommand_from restart" -s h -l help -d 'Print help'
complete -c kato -n "__fish_kato_using_subcommand process; and __fish_seen_subcommand_from ready" -s b -l block -d 'Wait until ready, at most SECS seconds (0 waits forever)' -r
complete -c kato -n "__fish_kato_using_subcommand process; and __fish_seen_subcommand_from ready" -s n -l node -d 'Act on this cluster node instead of this one' -r
complete -c kato -n "__fish_kato_using_subcommand process; and __fish_seen_subcommand_from ready" -l root -d 'Directory every file kato reads or writes lives under' -r -F
complete -c kato -n "__fish_kato_using_subcommand process; and __fish_seen_subcommand_from ready" -l ssh-user -d 'SSH user for reaching other nodes [env: KATO_SSH_USER; default: stackato]' -r
complete -c kato -n "__fish_kato_using_subcommand process; and __fish_seen_subcommand_from ready" -s i -l identity -d 'SSH private key for reaching other nodes [env: KATO_SSH_IDENTITY]' -r -F
complete -c kato -n "__fish_kato_using_subcommand process; and __fish_seen_subcommand_from ready" -l password-file -d 'File holding the SSH password (first line) [env: KATO_SSH_PASSWORD_FILE]' -r -F
complete -c kato -n "__fish_kato_using_subcommand process; and __fish_seen_subcommand_from ready" -s v -l verbose -d 'Show more detail (per-process lines, error causes)'
complete -c kato -n "__fish_kato_using_subcommand process; and __fish_seen_subcommand_from ready" -s q -l quiet -d 'Print only results, warnings and errors'
complete -c kato -n "__fish_kato_using_subcommand process; and __fish_seen_subcommand_from ready" -l yes -d 'Answer yes to every confirmation'
complete -c kato -n "__fish_kato_using_subcommand process; and __fish_seen_subcommand_from ready" -l accept-new-host-key -d 'Trust and remember the host key of a node seen for the first time'
complete -c kato -n "__fish_kato_using_subcommand process; and __fish_seen_subcommand_from ready" -s h -l help -d 'Print help'
complete -c kato -n "__fish_kato_using_subcommand process; and __fish_seen_subcommand_from help" -f -a "list" -d 'List a node\'s processes and their state'
complete -c kato -n "__fish_kato_using_subcommand process; and __fish_seen_subcommand_from help" -f -a "start" -d 'Start processes of this node (all when none are named)'
complete -c kato -n "__fish_kato_using_subcommand process; and __fish_seen_subcommand_from help" -f -a "stop" -d 'Stop processes of this node (all when none are named)'
complete -c kato -n "__fish_kato_using_subcommand process; and __fish_seen_subcommand_from help" -f -a "restart" -d 'Restart processes of this node (all when none are named), or with -c on every node'
complete -c kato -n "__fish_kato_using_subcommand process; and __fish_seen_subcommand_from help" -f -a "ready" -d 'Tell whether a process (or "all", or "supervisord") is ready'
complete -c kato -n "__fish_kato_using_subcommand process; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kato -n "__fish_kato_using_subcommand report" -s n -l node -d 'Gather report from a specific cluster node' -r
complete -c kato -n "__fish_kato_using_subcommand report" -l lines -d 'How many lines of each log to keep' -r
complete -c kato -n "__fish_kato_using_subcommand report" -s o -l output -d 'Where to write the report [default: kato-report-<unix-time>.tgz]' -r -F
complete -c kato -n "__fish_kato_using_subcommand report" -l root -d 'Directory every file kato reads or writes lives under' -r -F
complete -c kato -n "__fish_kato_using_subcommand report" -l ssh-user -d 'SSH user for reaching other nodes [env: KATO_SSH_USER; default: stackato]' -r
complete -c kato -n "__fish_kato_using_subcommand report" -s i -l identity -d 'SSH private key for reaching other nodes [env: KATO_SSH_IDENTITY]' -r -F
complete -c kato -n "__fish_kato_using_subcommand report" -l password-file -d 'File holding the SSH password (first line) [env: KATO_SSH_PASSWORD_FILE]' -r -F
complete -c kato -n "__fish_kato_using_subcommand report" -s c -l cluster -d 'Gather reports from entire cluster into one tarball'
complete -c kato -n "__fish_kato_using_subcommand report" -s v -l verbose -d 'Show more detail (per-process lines, error causes)'
complete -c kato -n "__fish_kato_using_subcommand report" -s q -l quiet -d 'Print only results, warnings and errors'
complete -c kato -n "__fish_kato_using_subcommand report" -l yes -d 'Answer yes to every confirmation'
complete -c kato -n "__fish_kato_using_subcommand report" -l accept-new-host-key -d 'Trust and remember the host key of a node seen for the first time'
complete -c kato -n "__fish_kato_using_subcommand report" -s h -l help -d 'Print help'
complete -c kato -n "__fish_kato_using_subcommand __remote" -l root -d 'Directory every file kato reads or writes lives under' -r -F
complete -c kato -n "__fish_kato_using_subcommand __remote" -l ssh-user -d 'SSH user for reaching other nodes [env: KATO_SSH_USER; default: stackato]' -r
complete -c kato -n "__fish_kato_using_subcommand __remote" -s i -l identity -d 'SSH private key for reaching other nodes [env: KATO_SSH_IDENTITY]' -r -F
complete -c kato -n "__fish_kato_using_subcommand __remote" -l password-file -d 'File holding the SSH password (first line) [env: KATO_SSH_PASSWORD_FILE]' -r -F
complete -c kato -n "__fish_kato_using_subcommand __remote" -s v -l verbose -d 'Show more detail (per-process lines, error causes)'
complete -c kato -n "__fish_kato_using_subcommand __remote" -s q -l quiet -d 'Print only results, warnings and errors'
complete -c kato -n "__fish_kato_using_subcommand __remote" -l yes -d 'Answer yes to every confirmation'
complete -c kato -n "__fish_kato_using_subcommand __remote" -l accept-new-host-key -d 'Trust and remember the host key of a node seen for the first time'
complete -c kato -n "__fish_kato_using_subcommand __remote" -s h -l help -d 'Print help'
complete -c kato -n "__fish_kato_using_subcommand __privileged" -l root -d 'Directory every file kato reads or writes lives under' -r -F
complete -c kato -n "__fish_kato_using_subcommand __privileged" -l ssh-user -d 'SSH user for reaching other nodes [env: KATO_SSH_USER; default: stackato]' -r
complete -c kato -n "__fish_kato_using_subcommand __privileged" -s i -l identity -d 'SSH private key for reaching other nodes [env: KATO_SSH_IDENTITY]' -r -F
complete -c kato -n "__fish_kato_using_subcommand __privileged" -l password-file -d 'File holding the SSH password (first line) [env: KATO_SSH_PASSWORD_FILE]' -r -F
complete -c kato -n "__fish_kato_using_subcommand __privileged" -s v -l verbose -d 'Show more detail (per-process lines, error causes)'
complete -c kato -n "__fish_kato_using_subcommand __privileged" -s q -l quiet -d 'Print only results, warnings and errors'
complete -c kato -n "__fish_kato_using_subcommand __privileged" -l yes -d 'Answer yes to every confirmation'
complete -c kato -n "__fish_kato_using_subcommand __privileged" -l accept-new-host-key -d 'Trust and remember the host key of a node seen for the first time'
complete -c kato -n "__fish_kato_using_subcommand __privileged" -s h -l help -d 'Print help'
complete -c kato -n "__fish_kato_using_subcommand restart" -s n -l node -d 'Act on this cluster node instead of this one' -r
complete -c kato -n "__fish_kato_using_subcommand restart" -l root -d 'Directory every file kato reads or writes lives under' -r -F
complete -c kato -n "__fish_kato_using_subcommand restart" -l ssh-user -d 'SSH user for reaching other nodes [env: KATO_SSH_USER; default: stackato]' -r
complete -c kato -n "__fish_kato_using_subcommand restart" -s i -l identity -d 'SSH private key for reaching other nodes [env: KATO_SSH_IDENTITY]' -r -F
complete -c kato -n "__fish_kato_using_subcommand restart" -l password-file -d 'File holding the SSH password (first line) [env: KATO_SSH_PASSWORD_FILE]' -r -F
complete -c kato -n "__fish_kato_using_subcommand restart" -l dry-run -d 'Show what would be done, and change nothing'
complete -c kato -n "__fish_kato_using_subcommand restart" -s v -l verbose -d 'Show more detail (per-process lines, error causes)'
complete -c kato -n "__fish_kato_using_subcommand restart" -s q -l quiet -d 'Print only results, warnings and errors'
complete -c kato -n "__fish_kato_using_subcommand restart" -l yes -d 'Answer yes to every confirmation'
complete -c kato -n "__fish_kato_using_subcommand restart" -l accept-new-host-key -d 'Trust and remember the host key of a node seen for the first time'
complete -c kato -n "__fish_kato_using_subcommand restart" -s h -l help -d 'Print help'
complete -c kato -n "__fish_kato_using_subcommand role; and not __fish_seen_subcommand_from add remove info help" -l root -d 'Directory every file kato reads or writes lives under' -r -F
complete -c kato -n "__fish_kato_using_subcommand role; and not __fish_seen_subcommand_from add remove info help" -l ssh-user -d 'SSH user for reaching other nodes [env: KATO_SSH_USER; default: stackato]' -r
complete -c kato -n "__fish_kato_using_subcommand role; and not __fish_seen_subcommand_from add remove info help" -s i -l identity -d 'SSH private key for reaching other nodes [env: KATO_SSH_IDENTITY]' -r -F
complete -c kato -n "__fish_kato_using_subcommand role; and not __fish_seen_subcommand_from add remove info help" -l password-file -d 'File holding the SSH password (first line) [env: KATO_SSH_PASSWORD_FILE]' -r -F
complete -c kato -n "__fish_kato_using_subcommand role; and not __fish_seen_subcommand_from add remove info help" -s v -l verbose -d 'Show more detail (per-process lines, error causes)'
complete -c kato -n "__fish_kato_using_subcommand role; and not __fish_seen_subcommand_from add remove info help" -s q -l quiet -d 'Print only results, warnings and errors'
complete -c kato -n "__fish_kato_using_subcommand role; and not __fish_seen_subcommand_from add remove info help" -l yes -d 'Answer yes to every confirmation'
complete -c kato -n "__fish_kato_using_subcommand role; and not __fish_seen_subcommand_from add remove info help" -l accept-new-host-key -d 'Trust and remember the host key of a node seen for the first time'
complete -c kato -n "__fish_kato_using_subcommand role; and not __fish_seen_subcommand_from add remove info help" -s h -l help -d 'Print help'
complete -c kato -n "__fish_kato_using_subcommand role; and not __fish_seen_subcommand_from add remove info help" -f -a "add" -d 'Enable roles on a node'
complete -c kato -n "__fish_kato_using_subcommand role; and not __fish_seen_subcommand_from add remove info help" -f -a "remove" -d 'Disable roles on a node'
complete -c kato -n "__fish_kato_using_subcommand role; and not __fish_seen_subcommand_from add remove info help" -f -a "info" -d 'Display the processes of roles'
complete -c kato -n "__fish_kato_using_subcommand role; and not __fish_seen_subcommand_from add remove info help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kato -n "__fish_kato_using_subcommand role; and __fish_seen_subcommand_from add" -s n -l node -d 'Act on this cluster node instead of this one' -r
complete -c kato -n "__fish_kato_using_subcommand role; and __fish_seen_subcommand_from add" -l skip-preflight -d 'Skip a named preflight check (repeatable)' -r
complete -c kato -n "__fish_kato_using_subcommand role; and __fish_seen_subcommand_from add" -l root -d 'Directory every file kato reads or writes lives under' -r -F
complete -c kato -n "__fish_kato_using_subcommand role; and __fish_seen_subcommand_from add" -l ssh-user -d 'SSH user for reaching other nodes [env: KATO_SSH_USER; default: stackato]' -r
complete -c kato -n "__fish_kato_using_subcommand role; and __fish_seen_subcommand_from add" -s i -l identity -d 'SSH private key for reaching other nodes [env: KATO_SSH_IDENTITY]' -r -F
complete -c kato -n "__fish_kato_using_subcommand role; and __fish_seen_subcommand_from add" -l password-file -d 'File holding the SSH password (first line) [env: KATO_SSH_PASSWORD_FILE]' -r -F
complete -c kato -n "__fish_kato_using_subcommand role; and __fish_seen_subcommand_from add" -s a -l all -d 'Enable every role that may be added (not load_balancer)'
complete -c kato -n "__fish_kato_using_subcommand role; and __fish_seen_subcommand_from add" -s b -l all-but -d 'Enable every role except the ROLEs given'
complete -c kato -n "__fish_kato_using_subcommand role; and __fish_seen_subcommand_from add" -s o -l only -d 'Enable only the ROLEs given, removing the node\'s other roles'
complete -c kato -n "__fish_kato_using_subcommand role; and __fish_seen_subcommand_from add" -s s -l no-start -d 'Do not start the roles\' processes'
complete -c kato -n "__fish_kato_using_subcommand role; and __fish_seen_subcommand_from add" -l force -d 'Allow --only to remove the last node of a required role'
complete -c kato -n "__fish_kato_using_subcommand role; and __fish_seen_subcommand_from add" -l dry-run -d 'Show the steps that would run, and change nothing'
complete -c kato -n "__fish_kato_using_subcommand role; and __fish_seen_subcommand_from add" -s v -l verbose -d 'Show more detail (per-process lines, error causes)'
complete -c kato -n "__fish_kato_using_subcommand role; and __fish_seen_subcommand_from add" -s q -l quiet -d 'Print only results, warnings and errors'
complete -c kato -n "__fish_kato_using_subcommand role; and __fish_seen_subcommand_from add" -l yes -d 'Answer yes to every confirmation'
complete -c kato -n "__fish_kato_using_subcommand role; and __fish_seen_subcommand_from add" -l accept-new-host-key -d 'Trust and remember the host key of a node seen for the first time'
complete -c kato -n "__fish_kato_using_subcommand role; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help'
complete -c kato -n "__fish_kato_using_subcommand role; and __fish_seen_subcommand_from remove" -s n -l node -d 'Act on this cluster node instead of this one' -r
complete -c kato -n "__fish_kato_using_subcommand role; and __fish_seen_subcommand_from remove" -l root -d 'Directory every file kato reads or writes lives under' -r -F
complete -c kato -n "__fish_kato_using_subcommand role; and __fish_seen_subcommand_from remove" -l ssh-user -d 'SSH user for reaching other nodes [env: KATO_SSH_USER; default: stackato]' -r
complete -c kato -n "__fish_kato_using_subcommand role; and __fish_seen_subcommand_from remove" -s i -l identity -d 'SSH private key for reaching other nodes [env: KATO_SSH_IDENTITY]' -r -F
complete -c kato -n "__fish_kato_using_subcommand role; and __fish_seen_subcommand_from remove" -l password-file -d 'File holding the SSH password (first line) [env: KATO_SSH_PASSWORD_FILE]' -r -F
complete -c kato -n "__fish_kato_using_subcommand role; and __fish_seen_subcommand_from remove" -s a -l all -d 'Disable every role of the node'
complete -c kato -n "__fish_kato_using_subcommand role; and __fish_seen_subcommand_from remove" -s b -l all-but -d 'Disable every role of the node except the ROLEs given'
complete -c kato -n "__fish_kato_using_subcommand role; and __fish_seen_subcommand_from remove" -l force -d 'Remove the last node of a required role (primary, controller, router, dea)'
complete -c kato -n "__fish_kato_using_subcommand role; and __fish_seen_subcommand_from remove" -l dry-run -d 'Show what would change, and change nothing'
complete -c kato -n "__fish_kato_using_subcommand role; and __fish_seen_subcommand_from remove" -s v -l verbose -d 'Show more detail (per-process lines, error causes)'
complete -c kato -n "__fish_kato_using_subcommand role; and __fish_seen_subcommand_from remove" -s q -l quiet -d 'Print only results, warnings and errors'
complete -c kato -n "__fish_kato_using_subcommand role; and __fish_seen_subcommand_from remove" -l yes -d 'Answer yes to every confirmation'
complete -c kato -n "__fish_kato_using_subcommand role; and __fish_seen_subcommand_from remove" -l accept-new-host-key -d 'Trust and remember the host key of a node seen for the first time'
complete -c kato -n "__fish_kato_using_subcommand role; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help'
complete -c kato -n "__fish_kato_using_subcommand role; and __fish_seen_subcommand_from info" -l root -d 'Directory every file kato reads or writes lives under' -r -F
complete -c kato -n "__fish_kato_using_subcommand role; and __fish_seen_subcommand_from info" -l ssh-user -d 'SSH user for reaching other nodes [env: KATO_SSH_USER; default: stackato]' -r
complete -c kato -n "__fish_kato_using_subcommand role; and __fish_seen_subcommand_from info" -s i -l identity -d 'SSH private key for reaching other nodes [env: KATO_SSH_IDENTITY]' -r -F
complete -c kato -n "__fish_kato_using_subcommand role; and __fish_seen_subcommand_from info" -l password-file -d 'File holding the SSH password (first line) [env: KATO_SSH_PASSWORD_FILE]' -r -F
complete -c kato -n "__fish_kato_using_subcommand role; and __fish_seen_subcommand_from info" -s j -l json -d 'Print JSON'
complete -c kato -n "__fish_kato_using_subcommand role; and __fish_seen_subcommand_from info" -s y -l yaml -d 'Print YAML'
complete -c kato -n "__fish_kato_using_subcommand role; and __fish_seen_subcommand_from info" -s v -l verbose -d 'Show more detail (per-process lines, error causes)'
complete -c kato -n "__fish_kato_using_subcommand role; and __fish_seen_subcommand_from info" -s q -l quiet -d 'Print only results, warnings and errors'
complete -c kato -n "__fish_kato_using_subcommand role; and __fish_seen_subcommand_from info" -l yes -d 'Answer yes to every confirmation'
complete -c kato -n "__fish_kato_using_subcommand role; and __fish_seen_subcommand_from info" -l accept-new-host-key -d 'Trust and remember the host key of a node seen for the first time'
complete -c kato -n "__fish_kato_using_subcommand role; and __fish_seen_subcommand_from info" -s h -l help -d 'Print help'
complete -c kato -n "__fish_kato_using_subcommand role; and __fish_seen_subcommand_from help" -f -a "add" -d 'Enable roles on a node'
complete -c kato -n "__fish_kato_using_subcommand role; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Disable roles on a node'
complete -c kato -n "__fish_kato_using_subcommand role; and __fish_seen_subcommand_from help" -f -a "info" -d 'Display the processes of roles'
complete -c kato -n "__fish_kato_using_subcommand role; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kato -n "__fish_kato_using_subcommand start" -s n -l node -d 'Act on this cluster node instead of this one' -r
complete -c kato -n "__fish_kato_using_subcommand start" -l root -d 'Directory every file kato reads or writes lives under' -r -F
complete -c kato -n "__fish_kato_using_subcommand start" -l ssh-user -d 'SSH user for reaching other nodes [env: KATO_SSH_USER; default: stackato]' -r
complete -c kato -n "__fish_kato_using_subcommand start" -s i -l identity -d 'SSH private key for reaching other nodes [env: KATO_SSH_IDENTITY]' -r -F
complete -c kato -n "__fish_kato_using_subcommand start" -l password-file -d 'File holding the SSH password (first line) [env: KATO_SSH_PASSWORD_FILE]' -r -F
complete -c kato -n "__fish_kato_using_subcommand start" -l dry-run -d 'Show what would be done, and change nothing'
complete -c kato -n "__fish_kato_using_subcommand start" -l boot -d 'Start only the roles recorded as started, with the deferred commands (what the boot unit runs)'
complete -c kato -n "__fish_kato_using_subcommand start" -s e -l ephemeral -d 'Change no configuration item while starting (kato\'s start never fills config placeholders; accepted for the original\'s scripts)'
complete -c kato -n "__fish_kato_using_subcommand start" -s v -l verbose -d 'Show more detail (per-process lines, error causes)'
complete -c kato -n "__fish_kato_using_subcommand start" -s q -l quiet -d 'Print only results, warnings and errors'
complete -c kato -n "__fish_kato_using_subcommand start" -l yes -d 'Answer yes to every confirmation'
complete -c kato -n "__fish_kato_using_subcommand start" -l accept-new-host-key -d 'Trust and remember the host key of a node seen for the first time'
complete -c kato -n "__fish_kato_using_subcommand start" -s h -l help -d 'Print help'
complete -c kato -n "__fish_kato_using_subcommand status" -s n -l node -d 'Only ask this node' -r
complete -c kato -n "__fish_kato_using_subcommand status" -l root -d 'Directory every file kato reads or writes lives under' -r -F
complete -c kato -n "__fish_kato_using_subcommand status" -l ssh-user -d 'SSH user for reaching other nodes [env: KATO_SSH_USER; default: stackato]' -r
complete -c kato -n "__fish_kato_using_subcommand status" -s i -l identity -d 'SSH private key for reaching other nodes [env: KATO_SSH_IDENTITY]' -r -F
complete -c kato -n "__fish_kato_using_subcommand status" -l password-file -d 'File holding the SSH password (first line) [env: KATO_SSH_PASSWORD_FILE]' -r -F
complete -c kato -n "__fish_kato_using_subcommand status" -s a -l all -d 'Show all roles, including roles no node has'
complete -c kato -n "__fish_kato_using_subcommand status" -s j -l json -d 'Print JSON'
complete -c kato -n "__fish_kato_using_subcommand status" -s y -l yaml -d 'Print YAML'
complete -c kato -n "__fish_kato_using_subcommand status" -s v -l verbose -d 'Show more detail (per-process lines, error causes)'
complete -c kato -n "__fish_kato_using_subcommand status" -s q -l quiet -d 'Print only results, warnings and errors'
complete -c kato -n "__fish_kato_using_subcommand status" -l yes -d 'Answer yes to every confirmation'
complete -c kato -n "__fish_kato_using_subcommand status" -l accept-new-host-key -d 'Trust and remember the host key of a node seen for the first time'
complete -c kato -n "__fish_kato_using_subcommand status" -s h -l help -d 'Print help'
complete -c kato -n "__fish_kato_using_subcommand stop" -s n -l node -d 'Act on this cluster node instead of this one' -r
complete -c kato -n "__fish_kato_using_subcommand stop" -l root -d 'Directory every file kato reads or writes lives under' -r -F
complete -c kato -n "__fish_kato_using_subcommand stop" -l ssh-user -d 'SSH user for reaching other nodes [env: KATO_SSH_USER; default: stackato]' -r
complete -c kato -n "__fish_kato_using_subcommand stop" -s i -l identity -d 'SSH private key for reaching other nodes [env: KATO_SSH_IDENTITY]' -r -F
complete -c kato -n "__fish_kato_using_subcommand stop" -l password-file -d 'File holding the SSH password (first line) [env: KATO_SSH_PASSWORD_FILE]' -r -F
complete -c kato -n "__fish_kato_using_subcommand stop" -l dry-run -d 'Show what would be done, and change nothing'
complete -c kato -n "__fish_kato_using_subcommand stop" -s v -l verbose -d 'Show more detail (per-process lines, error causes)'
complete -c kato -n "__fish_kato_using_subcommand stop" -s q -l quiet -d 'Print only results, warnings and errors'
complete -c kato -n "__fish_kato_using_subcommand stop" -l yes -d 'Answer yes to every confirmation'
complete -c kato -n "__fish_kato_using_subcommand stop" -l accept-new-host-key -d 'Trust and remember the host key of a node seen for the first time'
complete -c kato -n "__fish_kato_using_subcommand stop" -s h -l help -d 'Print help'
complete -c kato -n "__fish_kato_using_subcommand version" -l root -d 'Directory every file kato reads or writes lives under' -r -F
complete -c kato -n "__fish_kato_using_subcommand version" -l ssh-user -d 'SSH user for reaching other nodes [env: KATO_SSH_USER; default: stackato]' -r
complete -c kato -n "__fish_kato_using_subcommand version" -s i -l identity -d 'SSH private key for reaching other nodes [env: KATO_SSH_IDENTITY]' -r -F
complete -c kato -n "__fish_kato_using_subcommand version" -l password-file -d 'File holding the SSH password (first line) [env: KATO_SSH_PASSWORD_FILE]' -r -F
complete -c kato -n "__fish_kato_using_subcommand version" -s v -l verbose -d 'Show more detail (per-process lines, error causes)'
complete -c kato -n "__fish_kato_using_subcommand version" -s q -l quiet -d 'Print only results, warnings and errors'
complete -c kato -n "__fish_kato_using_subcommand version" -l yes -d 'Answer yes to every confirmation'
complete -c kato -n "__fish_kato_using_subcommand version" -l accept-new-host-key -d 'Trust and remember the host key of a node seen for the first time'
complete -c kato -n "__fish_kato_using_subcommand version" -s h -l help -d 'Print help'
complete -c kato -n "__fish_kato_using_subcommand help; and not __fish_seen_subcommand_from config console data history info inspect license log node op process report __remote __privileged restart role start status stop version help" -f -a "config" -d 'Read and change configuration values of cluster components'
complete -c kato -n "__fish_kato_using_subcommand help; and not __fish_seen_subcommand_from config console data history info inspect license log node op process report __remote __privileged restart role start status stop version help" -f -a "console" -d 'Serve the web console (the Management Console\'s "Cluster Admin") over HTTPS'
complete -c kato -n "__fish_kato_using_subcommand help; and not __fish_seen_subcommand_from config console data history info inspect license log node op process report __remote __privileged restart role start status stop version help" -f -a "data" -d 'Export and import kato\'s state and service data'
complete -c kato -n "__fish_kato_using_subcommand help; and not __fish_seen_subcommand_from config console data history info inspect license log node op process report __remote __privileged restart role start status stop version help" -f -a "history" -d 'Show the kato commands that have been run'
complete -c kato -n "__fish_kato_using_subcommand help; and not __fish_seen_subcommand_from config console data history info inspect license log node op process report __remote __privileged restart role start status stop version help" -f -a "info" -d 'Show information about this node or cluster, including assigned and available roles'
complete -c kato -n "__fish_kato_using_subcommand help; and not __fish_seen_subcommand_from config console data history info inspect license log node op process report __remote __privileged restart role start status stop version help" -f -a "inspect" -d 'Check this node for common problems (the same checks attach and role add run)'
complete -c kato -n "__fish_kato_using_subcommand help; and not __fish_seen_subcommand_from config console data history info inspect license log node op process report __remote __privileged restart role start status stop version help" -f -a "license" -d 'Set the Stackato license in use for this microcloud or cluster'
complete -c kato -n "__fish_kato_using_subcommand help; and not __fish_seen_subcommand_from config console data history info inspect license log node op process report __remote __privileged restart role start status stop version help" -f -a "log" -d 'Read the logs of the cluster\'s processes'
complete -c kato -n "__fish_kato_using_subcommand help; and not __fish_seen_subcommand_from config console data history info inspect license log node op process report __remote __privileged restart role start status stop version help" -f -a "node" -d 'Set up, attach and manage cluster nodes'
complete -c kato -n "__fish_kato_using_subcommand help; and not __fish_seen_subcommand_from config console data history info inspect license log node op process report __remote __privileged restart role start status stop version help" -f -a "op" -d 'Operational commands (static IP, firewall, timezone, hosts file, deferred commands, …)'
complete -c kato -n "__fish_kato_using_subcommand help; and not __fish_seen_subcommand_from config console data history info inspect license log node op process report __remote __privileged restart role start status stop version help" -f -a "process" -d 'Start, stop or inspect individual processes'
complete -c kato -n "__fish_kato_using_subcommand help; and not __fish_seen_subcommand_from config console data history info inspect license log node op process report __remote __privileged restart role start status stop version help" -f -a "report" -d 'Generate a report that can be sent to Stackato support'
complete -c kato -n "__fish_kato_using_subcommand help; and not __fish_seen_subcommand_from config console data history info inspect license log node op process report __remote __privileged restart role start status stop version help" -f -a "__remote" -d 'Answer a request from another node (used by kato itself over SSH)'
complete -c kato -n "__fish_kato_using_subcommand help; and not __fish_seen_subcommand_from config console data history info inspect license log node op process report __remote __privileged restart role start status stop version help" -f -a "__privileged" -d 'Make one change that needs root (used by kato itself through sudo)'
complete -c kato -n "__fish_kato_using_subcommand help; and not __fish_seen_subcommand_from config console data history info inspect license log node op process report __remote __privileged restart role start status stop version help" -f -a "restart" -d 'Restart all roles of a node, or the ROLEs given'
complete -c kato -n "__fish_kato_using_subcommand help; and not __fish_seen_subcommand_from config console data history info inspect license log node op process report __remote __privileged restart role start status stop version help" -f -a "role" -d 'Add, remove and describe the roles of a node'
complete -c kato -n "__fish_kato_using_subcommand help; and not __fish_seen_subcommand_from config console data history info inspect license log node op process report __remote __privileged restart role start status stop version help" -f -a "start" -d 'Start all roles of a node, or the ROLEs given'
complete -c kato -n "__fish_kato_using_subcommand help; and not __fish_seen_subcommand_from config console data history info inspect license log node op process report __remote __privileged restart role start status stop version help" -f -a "status" -d 'List configured roles and their current status across the cluster'
complete -c kato -n "__fish_kato_using_subcommand help; and not __fish_seen_subcommand_from config console data history info inspect license log node op process report __remote __privileged restart role start status stop version help" -f -a "stop" -d 'Stop all roles of a node (and processes no role needs), or the ROLEs given'
complete -c kato -n "__fish_kato_using_subcommand help; and not __fish_seen_subcommand_from config console data history info inspect license log node op process report __remote __privileged restart role start status stop version help" -f -a "version" -d 'Display the version being run'
complete -c kato -n "__fish_kato_using_subcommand help; and not __fish_seen_subcommand_from config console data history info inspect license log node op process report __remote __privileged restart role start status stop version help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kato -n "__fish_kato_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "get" -d 'Show a component, a value inside it, or every component'
complete -c kato -n "__fish_kato_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "set" -d 'Set a value (read from stdin when VALUE is left out)'
complete -c kato -n "__fish_kato_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "del" -d 'Delete a key'
complete -c kato -n "__fish_kato_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "push" -d 'Append a value to a list'
complete -c kato -n "__fish_kato_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "pop" -d 'Remove a value from a list'
complete -c kato -n "__fish_kato_using_subcommand help; and __fish_seen_subcommand_from console" -f -a "passwd" -d 'Set a console admin\'s password (read from -p, stdin, or asked twice)'
complete -c kato -n "__fish_kato_using_subcommand help; and __fish_seen_subcommand_from data" -f -a "export" -d 'Export kato\'s state and service data to a .tgz'
complete -c kato -n "__fish_kato_using_subcommand help; and __fish_seen_subcommand_from data" -f -a "import" -d 'Import an export made by \'kato data export\' (checked whole before anything changes)'
complete -c kato -n "__fish_kato_using_subcommand help; and __fish_seen_subcommand_from license" -f -a "set" -d 'Set the license (read from stdin when VALUE is not given)'
complete -c kato -n "__fish_kato_using_subcommand help; and __fish_seen_subcommand_from license" -f -a "enable" -d 'Enforce the license that is set'
complete -c kato -n "__fish_kato_using_subcommand help; and __fish_seen_subcommand_from license" -f -a "disable" -d 'Stop enforcing the license'
complete -c kato -n "__fish_kato_using_subcommand help; and __fish_seen_subcommand_from log" -f -a "tail" -d 'Show (and follow) the logs of processes, from every node of the cluster'
complete -c kato -n "__fish_kato_using_subcommand help; and __fish_seen_subcommand_from log" -f -a "drain" -d 'Log drain management: send every node\'s process logs to a receiver'
complete -c kato -n "__fish_kato_using_subcommand help; and __fish_seen_subcommand_from log" -f -a "stream" -d 'Stream log keys from every node (systail: every process; systail.PROCESS: one)'
complete -c kato -n "__fish_kato_using_subcommand help; and __fish_seen_subcommand_from node" -f -a "attach" -d 'Attach this node to a core node'
complete -c kato -n "__fish_kato_using_subcommand help; and __fish_seen_subcommand_from node" -f -a "availabilityzone" -d 'Get or set the availability zone of a node'
complete -c kato -n "__fish_kato_using_subcommand help; and __fish_seen_subcommand_from node" -f -a "detach" -d 'Detach this node from its core node'
complete -c kato -n "__fish_kato_using_subcommand help; and __fish_seen_subcommand_from node" -f -a "list" -d 'List all nodes known to this cluster'
complete -c kato -n "__fish_kato_using_subcommand help; and __fish_seen_subcommand_from node" -f -a "migrate" -d 'Replace every reference to a node\'s old address by its new one'
complete -c kato -n "__fish_kato_using_subcommand help; and __fish_seen_subcommand_from node" -f -a "placementzones" -d 'Add, list or remove the placement zones of a node'
complete -c kato -n "__fish_kato_using_subcommand help; and __fish_seen_subcommand_from node" -f -a "reattach" -d 'Point this node at its core\'s new address (after \'kato node migrate\' on the core)'
complete -c kato -n "__fish_kato_using_subcommand help; and __fish_seen_subcommand_from node" -f -a "remove" -d 'Remove nodes from the cluster'
complete -c kato -n "__fish_kato_using_subcommand help; and __fish_seen_subcommand_from node" -f -a "rename" -d 'Change this node\'s hostname (and the endpoint derived from it)'
complete -c kato -n "__fish_kato_using_subcommand help; and __fish_seen_subcommand_from node" -f -a "reset" -d 'Reset this node to its default configuration'
complete -c kato -n "__fish_kato_using_subcommand help; and __fish_seen_subcommand_from node" -f -a "retire" -d 'Gracefully retire a node: its processes finish their work, then its roles stop'
complete -c kato -n "__fish_kato_using_subcommand help; and __fish_seen_subcommand_from node" -f -a "setup" -d 'Configure this node as a core, a micro cloud or a load balancer'
complete -c kato -n "__fish_kato_using_subcommand help; and __fish_seen_subcommand_from node" -f -a "update" -d 'Update IP references in config (after this node\'s address changed)'
complete -c kato -n "__fish_kato_using_subcommand help; and __fish_seen_subcommand_from node" -f -a "upgrade" -d 'Upgrade kato on the cluster\'s nodes from a release bundle (run on the core)'
complete -c kato -n "__fish_kato_using_subcommand help; and __fish_seen_subcommand_from node" -f -a "version" -d 'Print the version of this node, or of a cluster node'
complete -c kato -n "__fish_kato_using_subcommand help; and __fish_seen_subcommand_from op" -f -a "custom_ssl_cert" -d 'Custom SSL certificates for the router and the load balancer'
complete -c kato -n "__fish_kato_using_subcommand help; and __fish_seen_subcommand_from op" -f -a "dhcp" -d 'Configure this node\'s networking to use DHCP'
complete -c kato -n "__fish_kato_using_subcommand help; and __fish_seen_subcommand_from op" -f -a "firewall" -d 'Render (or apply) this node\'s firewall from the cluster\'s roles and port table'
complete -c kato -n "__fish_kato_using_subcommand help; and __fish_seen_subcommand_from op" -f -a "generate_service_tokens" -d 'Generate auth tokens for services (those still without one)'
complete -c kato -n "__fish_kato_using_subcommand help; and __fish_seen_subcommand_from op" -f -a "import_from_yaml_file" -d 'Import the YAML configuration of one process, replacing its prior configuration'
complete -c kato -n "__fish_kato_using_subcommand help; and __fish_seen_subcommand_from op" -f -a "import_from_yaml_files" -d 'Import configuration from YAML files for all processes, replacing prior configuration'
complete -c kato -n "__fish_kato_using_subcommand help; and __fish_seen_subcommand_from op" -f -a "max_client_upload" -d 'Set the maximum upload size in MB from clients'
complete -c kato -n "__fish_kato_using_subcommand help; and __fish_seen_subcommand_from op" -f -a "regenerate" -d 'Regenerate what kato owns: the cluster\'s SSL certificate (ssl_cert, or all)'
complete -c kato -n "__fish_kato_using_subcommand help; and __fish_seen_subcommand_from op" -f -a "remap_hosts" -d 'Change the default shared domain in the cluster\'s configuration values'
complete -c kato -n "__fish_kato_using_subcommand help; and __fish_seen_subcommand_from op" -f -a "set_timezone" -d 'Change the default system timezone for the host machine'
complete -c kato -n "__fish_kato_using_subcommand help; and __fish_seen_subcommand_from op" -f -a "defer" -d 'Defer a kato command to be run (by \'op run_deferred\') when the system is rebooted'
complete -c kato -n "__fish_kato_using_subcommand help; and __fish_seen_subcommand_from op" -f -a "run_deferred" -d 'Run deferred commands saved with \'kato op defer\''
complete -c kato -n "__fish_kato_using_subcommand help; and __fish_seen_subcommand_from op" -f -a "static_ip" -d 'Configure this node to use a static IP address'
complete -c kato -n "__fish_kato_using_subcommand help; and __fish_seen_subcommand_from op" -f -a "update_hostsfile" -d 'Map the endpoint to the controller\'s internal address in /etc/hosts'
complete -c kato -n "__fish_kato_using_subcommand help; and __fish_seen_subcommand_from op" -f -a "upstream_proxy" -d 'Configure an upstream proxy server for the processes that take one'
complete -c kato -n "__fish_kato_using_subcommand help; and __fish_seen_subcommand_from process" -f -a "list" -d 'List a node\'s processes and their state'
complete -c kato -n "__fish_kato_using_subcommand help; and __fish_seen_subcommand_from process" -f -a "start" -d 'Start processes of this node (all when none are named)'
complete -c kato -n "__fish_kato_using_subcommand help; and __fish_seen_subcommand_from process" -f -a "stop" -d 'Stop processes of this node (all when none are named)'
complete -c kato -n "__fish_kato_using_subcommand help; and __fish_seen_subcommand_from process" -f -a "restart" -d 'Restart processes of this node (all when none are named), or with -c on every node'
complete -c kato -n "__fish_kato_using_subcommand help; and __fish_seen_subcommand_from process" -f -a "ready" -d 'Tell whether a process (or "all", or "supervisord") is ready'
complete -c kato -n "__fish_kato_using_subcommand help; and __fish_seen_subcommand_from role" -f -a "add" -d 'Enable roles on a node'
complete -c kato -n "__fish_kato_using_subcommand help; and __fish_seen_subcommand_from role" -f -a "remove" -d 'Disable roles on a node'
complete -c kato -n "__fish_kato_using_subcommand help; and __fish_seen_subcommand_from role" -f -a "info" -d 'Display the processes of roles'
