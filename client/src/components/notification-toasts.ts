// A module of its own so `import()` of it splits off the toasts alone: importing the package's
// entry dynamically would keep all of it in the chunks that use `notifications.show`.
export { Notifications } from '@mantine/notifications';
