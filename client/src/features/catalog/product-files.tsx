import { FileAttachments } from '../../components/file-attachments.tsx';
import { trpc } from '../../lib/trpc.ts';

/** Images and spec sheets of one product: the supplier adds and removes, linked buyers download. */
export function ProductFiles({ productId, editable }: { productId: string; editable: boolean }) {
  const utils = trpc.useUtils();
  const files = trpc.catalog.products.attachments.useQuery(
    { productId },
    { select: (rows) => rows.map((row) => ({ ...row, removable: editable })) },
  );
  const refresh = () => utils.catalog.products.attachments.invalidate({ productId });
  const attach = trpc.catalog.products.attach.useMutation({ onSuccess: refresh });
  const detach = trpc.catalog.products.detach.useMutation({ onSuccess: refresh });
  return (
    <FileAttachments
      query={files}
      canAttach={editable}
      attach={(fileId) => attach.mutateAsync({ productId, fileId })}
      remove={(fileId) => detach.mutate({ productId, fileId })}
    />
  );
}
