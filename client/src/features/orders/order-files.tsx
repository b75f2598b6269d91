import { FileAttachments } from '../../components/file-attachments.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { trpc } from '../../lib/trpc.ts';

/** Files either party attached to the order; each party removes only its own. */
export function OrderFiles({ orderId, canWrite }: { orderId: string; canWrite: boolean }) {
  const utils = trpc.useUtils();
  const files = trpc.orders.attachments.useQuery(
    { orderId },
    {
      select: (rows) =>
        rows.map((row) => ({
          ...row,
          caption: `${row.ours ? 'Ours' : row.attachedBy} · ${formatDateTime(row.attachedAt)}`,
          removable: canWrite && row.ours,
        })),
    },
  );
  const refresh = () => Promise.all([utils.orders.attachments.invalidate({ orderId }), utils.orders.history.invalidate({ orderId })]);
  const attach = trpc.orders.attach.useMutation({ onSuccess: refresh });
  const detach = trpc.orders.detach.useMutation({ onSuccess: refresh });
  return (
    <FileAttachments
      query={files}
      canAttach={canWrite}
      attach={(fileId) => attach.mutateAsync({ orderId, fileId })}
      remove={(fileId) => detach.mutate({ orderId, fileId })}
      label="Attach a drawing, lab report or packing list (PDF, PNG, JPEG)"
    />
  );
}
