/** Badge colour of a link's status, in the list and the directory alike. */
export const STATUS_COLORS: Record<string, string> = {
  pending: 'blue',
  accepted: 'teal',
  denied: 'orange',
  blocked: 'red',
  unlinked: 'gray',
  cancelled: 'gray',
};
