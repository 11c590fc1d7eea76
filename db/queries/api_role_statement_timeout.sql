SELECT format('ALTER ROLE hiraku_api SET statement_timeout = %s', $1::integer)
