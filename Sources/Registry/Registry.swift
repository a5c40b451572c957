import DigitalPost
import GRDB
