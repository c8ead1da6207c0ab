import { usernameKey } from './username-key';

/**
 * The form a person's name is compared and sorted in: the same folding as usernames, so "Ann",
 * "ANN" and a decomposed "Ånn" are one name whichever database stores them.
 */
export function personNameKey(name: string): string {
  return usernameKey(name);
}
