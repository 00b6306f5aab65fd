import { MemoryStore } from '../../../shared/store/memory-store.js';
import { describeStoreContract } from '../../contract/store-contract.js';

describeStoreContract('in memory', async () => {
  const store = new MemoryStore();
  return { signing: store, audit: store };
});
