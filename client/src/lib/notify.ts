import { notifications } from '@mantine/notifications';
import { errorMessage } from './errors.ts';

/** A failed action that has no form to show it beside: said in words as a red notification. */
export const notifyError = (error: unknown) => notifications.show({ color: 'red', message: errorMessage(error) });
