#!/usr/bin/env bash
# azd postprovision hook.
#  1. Writes local.settings.json (git-ignored) at the repository root, for running the host on this
#     machine against the storage account that was just provisioned (your own identity, no keys).
#  2. Replaces the approval-link signing key and the audit chain key with 384-bit random keys when they
#     are still the short values azd generated on the first provision (needs the Azure CLI and access
#     to the vault).
# azd passes the environment's values (the Bicep outputs) as environment variables.
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
settings="${WORKFLOWS_LOCAL_SETTINGS_PATH:-$root/local.settings.json}"

: "${AZURE_STORAGE_ACCOUNT_NAME:?AZURE_STORAGE_ACCOUNT_NAME is not set: run this through azd (azd provision).}"
: "${AZURE_TENANT_ID:?AZURE_TENANT_ID is not set: run this through azd (azd provision).}"
task_hub="${WORKFLOWS_TASK_HUB:-workflows}"
partitions="${WORKFLOWS_PARTITION_COUNT:-4}"

# JSON string escaping for the few characters that can occur in these values.
json() { printf '"%s"' "$(printf '%s' "$1" | sed -e 's/\\/\\\\/g' -e 's/"/\\"/g')"; }

# The local host uses its own task hub (<hub>local) in the deployed account, so that it never competes
# with the deployed app for the same queues and partitions. Notifications stay in the development
# outbox: a laptop never mails real people. No secret is written here.
umask 077
cat > "$settings.tmp" <<JSON
{
  "IsEncrypted": false,
  "Values": {
    "AZURE_TENANT_ID": $(json "$AZURE_TENANT_ID"),
    "Workflows__Storage__AccountName": $(json "$AZURE_STORAGE_ACCOUNT_NAME"),
    "Workflows__Storage__TaskHub": $(json "${task_hub}local"),
    "Workflows__Engine__PartitionCount": $(json "$partitions"),
    "Workflows__PublicBaseUrl": "http://localhost:7071",
    "Workflows__Notifications__Channel": "Outbox"
  },
  "Host": {
    "LocalHttpPort": 7071
  }
}
JSON
mv "$settings.tmp" "$settings"
echo "Wrote $settings (storage account $AZURE_STORAGE_ACCOUNT_NAME, task hub ${task_hub}local)."

# Secrets: azd's secretOrRandomPassword makes 15 characters on the first provision and keeps whatever
# the vault holds afterwards, so replacing such a placeholder once here makes the key permanent. The
# audit chain key is replaced only while shorter than the 32 characters the host requires: a host never
# ran with such a key, so no audit entry was sealed with it; a key in use is never touched (earlier
# entries would no longer verify).
vault="${AZURE_KEY_VAULT_NAME:-}"
if [ -z "$vault" ] || ! command -v az >/dev/null 2>&1 || ! command -v openssl >/dev/null 2>&1; then
  echo "Skipped the generated key check (needs AZURE_KEY_VAULT_NAME, az and openssl)."
  exit 0
fi
key_file="$(mktemp)"
trap 'rm -f "$key_file"' EXIT

# replace_placeholder SECRET-NAME MINIMUM-LENGTH DESCRIPTION
replace_placeholder() {
  local length
  length="$(az keyvault secret show --vault-name "$vault" --name "$1" \
    --query 'length(value)' --output tsv 2>/dev/null || true)"
  if [ -z "$length" ]; then
    echo "Could not read the $3 from $vault (role assignments take a few minutes; with private"
    echo "networking, run from inside the network). Run 'azd provision' again later, or see infra/README.md."
  elif [ "$length" -lt "$2" ]; then
    openssl rand -base64 48 | tr -d '\n' > "$key_file"
    az keyvault secret set --vault-name "$vault" --name "$1" \
      --file "$key_file" --encoding utf-8 --content-type text/plain --output none
    : > "$key_file"
    echo "Replaced the generated $3 with a 384-bit random key."
  fi
}

replace_placeholder approval-link-signing-key 44 "approval-link signing key"
replace_placeholder audit-chain-key 32 "audit chain key"
