SELECT format('ALTER ROLE hiraku_api SET idle_in_transaction_session_timeout = %s', $1::integer)
