BweightJ
É—>V1¿ðÛ]?